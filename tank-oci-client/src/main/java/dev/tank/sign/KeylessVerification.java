package dev.tank.sign;

import dev.sigstore.KeylessVerificationException;
import dev.sigstore.KeylessVerifier;
import dev.sigstore.VerificationOptions;
import dev.sigstore.VerificationOptions.CertificateMatcher;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.rekor.client.RekorEntry;
import dev.sigstore.strings.RegexSyntaxException;
import dev.sigstore.strings.StringMatcher;
import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Offline verification of keyless (Sigstore bundle) signatures over a skill's manifest.
 *
 * <p>sigstore-java checks the certificate chain against the trusted root's certificate authorities,
 * the embedded SCT against its CT logs, the identity, the signature over the manifest digest, that
 * the log entry records this signature, and the log entry's inclusion proof, checkpoint and signed
 * entry timestamp. Tank adds what sigstore-java 2.0.0 leaves out: that the short-lived certificate
 * was valid at the time the log attests the signature was made.
 */
public final class KeylessVerification {
  private KeylessVerification() {}

  /**
   * Verifies {@code bundleJson} as a signature over the manifest with digest {@code artifact} by an
   * identity {@code policy} accepts; returns that identity or throws a {@link TankException} whose
   * place is the digest. A trusted root that is missing or unusable is a KEY (or IO) error naming
   * the file; everything else is a SIGNATURE error saying what failed.
   */
  public static KeylessIdentity verify(byte[] bundleJson, Digest artifact, KeylessPolicy policy) {
    Objects.requireNonNull(bundleJson, "bundleJson");
    Objects.requireNonNull(artifact, "artifact");
    Objects.requireNonNull(policy, "policy");
    String where = artifact.toString();
    if (!"sha256".equals(artifact.algorithm())) {
      throw new TankException(ErrorCode.SIGNATURE, "keyless signatures cover SHA-256 manifest digests, not " + artifact.algorithm(),
          where, "publish the skill with a sha256 manifest digest");
    }
    // No trusted_root: the public-good instance, whose root sigstore-java fetches through TUF (online).
    KeylessVerifier verifier = policy.trustedRoot() == null
        ? TrustedRoots.publicGood() : TrustedRoots.verifier(policy.trustedRoot());
    Bundle bundle = Bundles.parse(bundleJson, where);
    byte[] digest = HexFormat.of().parseHex(artifact.hex());
    checkSignedDigest(bundle, digest, where);
    VerificationOptions options = VerificationOptions.builder().addCertificateMatchers(matcher(policy)).build();
    try {
      verifier.verify(digest, bundle, options);
    } catch (KeylessVerificationException e) {
      throw VerificationFailures.explain(e, Bundles.leaf(bundle), policy, where);
    } catch (RuntimeException e) {
      throw Bundles.malformed("malformed Sigstore bundle: " + TrustedRoots.reason(e), where, e);
    }
    X509Certificate leaf = Bundles.leaf(bundle);
    checkSigningTime(bundle, leaf, where);
    try {
      return FulcioCertificates.identity(leaf);
    } catch (CertificateParsingException e) {
      // Unreachable after the matcher accepted the certificate; fail closed all the same.
      throw Bundles.malformed(e.getMessage(), where, e);
    }
  }

  /**
   * The identity a bundle's certificate names, read without verifying anything: for display only,
   * never for a trust decision. A malformed bundle is a SIGNATURE error.
   */
  public static KeylessIdentity peek(byte[] bundleJson) {
    Objects.requireNonNull(bundleJson, "bundleJson");
    String where = "sigstore bundle";
    Bundle bundle = Bundles.parse(bundleJson, where);
    try {
      return FulcioCertificates.identity(Bundles.leaf(bundle));
    } catch (CertificateParsingException e) {
      throw Bundles.malformed(e.getMessage(), where, e);
    }
  }

  private static CertificateMatcher matcher(KeylessPolicy policy) {
    StringMatcher subject;
    if (policy.identity() != null) {
      subject = StringMatcher.string(policy.identity());
    } else {
      try {
        subject = StringMatcher.regex(policy.identityRegex());
      } catch (RegexSyntaxException e) {
        // KeylessPolicy compiled the same pattern with the same java.util.regex already.
        throw new IllegalStateException("identity_regex passed KeylessPolicy but not sigstore-java", e);
      }
    }
    return CertificateMatcher.fulcio().subjectAlternativeName(subject).issuer(StringMatcher.string(policy.issuer())).build();
  }

  /** sigstore-java checks this too; done first here to name both digests plainly. */
  private static void checkSignedDigest(Bundle bundle, byte[] digest, String where) {
    var signed = bundle.getMessageSignature().flatMap(Bundle.MessageSignature::getMessageDigest);
    if (signed.isPresent() && !Arrays.equals(signed.get().getDigest(), digest)) {
      throw new TankException(ErrorCode.SIGNATURE,
          "bundle signs another artifact: sha256:" + HexFormat.of().formatHex(signed.get().getDigest()) + ", not " + where,
          where, "the signature belongs to a different manifest; re-sign this version");
    }
  }

  /**
   * The certificate must have been valid when the log integrated the entry. That time is trusted
   * only under the log's signed entry timestamp, which sigstore-java has verified by now; bundles
   * timed by RFC 3161 timestamps instead had the certificate checked against those by sigstore-java.
   */
  private static void checkSigningTime(Bundle bundle, X509Certificate leaf, String where) {
    RekorEntry entry = bundle.getEntries().get(0);
    if (entry.getVerification().getSignedEntryTimestamp() == null) {
      if (bundle.getTimestamps().isEmpty()) {
        throw new TankException(ErrorCode.SIGNATURE,
            "the log entry has no signed entry timestamp and the bundle no RFC 3161 timestamp: the time of signing is unknown",
            where, Bundles.HINT);
      }
      return;
    }
    Instant logged = entry.getIntegratedTimeInstant();
    String validity = "certificate valid " + leaf.getNotBefore().toInstant() + " to " + leaf.getNotAfter().toInstant()
        + ", signature logged at " + logged;
    String hint = "a keyless certificate lives minutes; the signature must reach the log within that time: re-sign";
    try {
      leaf.checkValidity(Date.from(logged));
    } catch (CertificateExpiredException e) {
      throw new TankException(ErrorCode.SIGNATURE,
          "the signing certificate had expired when the signature was logged (" + validity + ")", where, hint, e);
    } catch (CertificateNotYetValidException e) {
      throw new TankException(ErrorCode.SIGNATURE,
          "the signing certificate was not yet valid when the signature was logged (" + validity + ")", where, hint, e);
    }
  }
}
