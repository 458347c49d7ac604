package dev.tank.sign;

import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A keyless identity rule from {@code skills.json} {@code trust.keyless[]}: exactly one of {@code
 * identity} (the certificate's SAN, an email or URI, compared exactly) or {@code identityRegex} (a
 * Java regular expression that must match the whole SAN), plus the OIDC {@code issuer} (compared
 * exactly). {@code trustedRoot} is a Sigstore {@code trusted_root.json}; null means the public-good
 * instance, whose root Tank cannot fetch offline, so verification asks for the file.
 */
public record KeylessPolicy(String identity, String identityRegex, String issuer, Path trustedRoot) {
  private static final String WHERE = "trust.keyless";

  public KeylessPolicy {
    if ((identity == null) == (identityRegex == null)) {
      throw invalid("a keyless rule needs exactly one of 'identity' and 'identity_regex'");
    }
    if (identity != null && identity.isBlank()) {
      throw invalid("'identity' is empty");
    }
    if (identityRegex != null) {
      if (identityRegex.isBlank()) {
        throw invalid("'identity_regex' is empty");
      }
      try {
        Pattern.compile(identityRegex);
      } catch (PatternSyntaxException e) {
        throw invalid("'identity_regex' is not a valid regular expression: " + e.getDescription());
      }
    }
    if (issuer == null || issuer.isBlank()) {
      throw invalid("a keyless rule needs 'issuer' (the OIDC issuer URL, e.g. https://token.actions.githubusercontent.com)");
    }
  }

  /** A rule for one exact identity. */
  public static KeylessPolicy exact(String identity, String issuer, Path trustedRoot) {
    return new KeylessPolicy(identity, null, issuer, trustedRoot);
  }

  /** A rule for every identity the regular expression matches in full. */
  public static KeylessPolicy matching(String identityRegex, String issuer, Path trustedRoot) {
    return new KeylessPolicy(null, identityRegex, issuer, trustedRoot);
  }

  /** The identity part for messages: {@code 'x@y'} or {@code matching /re/}. */
  String describeIdentity() {
    return identity != null ? "'" + identity + "'" : "an identity matching /" + identityRegex + "/";
  }

  private static TankException invalid(String what) {
    return new TankException(ErrorCode.SCHEMA, what, WHERE,
        "write each rule as {\"identity\" or \"identity_regex\", \"issuer\", \"trusted_root\"}; see docs/keyless.md");
  }
}
