package dev.tank.sign;

import dev.sigstore.KeylessVerificationException;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns sigstore-java's verification failures into Tank errors that say which check failed.
 * sigstore-java 2.0.0 reports every failure as one exception type and tells them apart only by
 * message, so the mapping matches the messages of that version ({@code KeylessVerificationTest}
 * covers each branch); an unknown message still fails closed, with sigstore-java's own words.
 */
final class VerificationFailures {
  private static final String TRUST_HINT =
      "check trust.keyless[].trusted_root: it must be the root of the Sigstore instance that issued the signature";
  private static final String TAMPER_HINT = "the signature or the artifact was altered; do not install this version";

  private VerificationFailures() {}

  static TankException explain(KeylessVerificationException e, X509Certificate leaf, KeylessPolicy policy, String where) {
    String m = String.valueOf(e.getMessage());
    String reason = TrustedRoots.reason(e);
    if (m.startsWith("Fulcio certificate was not valid")) {
      if (m.contains("SCT")) {
        return fail("the signing certificate has no valid timestamp (SCT) from a certificate transparency log in the "
            + "trusted root (" + reason + ")", where, TRUST_HINT, e);
      }
      return fail("the signing certificate was not issued by a certificate authority in the trusted root (" + oneLine(reason)
          + ")", where, TRUST_HINT, e);
    }
    if (m.startsWith("No provided certificate identities matched")) {
      return identityMismatch(leaf, policy, where, e);
    }
    if (m.startsWith("Could not verify certificate identities")) {
      return fail("the signing certificate names no usable identity (" + reason + ")", where, TRUST_HINT, e);
    }
    if (m.startsWith("Provided artifact digest does not match")) {
      return fail("bundle signs another artifact than " + where, where, TAMPER_HINT, e);
    }
    if (m.startsWith("Artifact signature was not valid") || m.startsWith("Signature could not be processed")) {
      return fail("the signature does not verify over " + where + " with the signing certificate's key", where, TAMPER_HINT, e);
    }
    if (m.startsWith("Provided verification materials are inconsistent with log entry")
        || m.startsWith("Unexpected rekor type") || m.startsWith("Could not extract body")
        || m.startsWith("Unsupported hashedrekord version")) {
      return fail("the transparency log entry does not record this signature (it names another artifact, signature or "
          + "certificate, or is not a hashedrekord entry)", where, TAMPER_HINT, e);
    }
    if (m.startsWith("RFC3161 timestamp verification failed")) {
      return fail("the bundle's RFC 3161 timestamp does not verify (" + reason + ")", where, TRUST_HINT, e);
    }
    if (m.startsWith("Transparency log entry could not be verified")) {
      return logFailure(e, where);
    }
    return fail("keyless verification failed: " + reason, where, TRUST_HINT, e);
  }

  private static TankException logFailure(KeylessVerificationException e, String where) {
    String cause = e.getCause() == null ? "" : String.valueOf(e.getCause().getMessage());
    if (cause.startsWith("Log entry (logid) does not match")) {
      return fail("the transparency log entry comes from a log that is not in the trusted root", where, TRUST_HINT, e);
    }
    if (cause.startsWith("Entry SET")) {
      return fail("the log's signed entry timestamp (inclusion promise) does not verify with the log's key", where,
          TAMPER_HINT, e);
    }
    if (cause.startsWith("Inclusion proof verification failed") || cause.startsWith("No inclusion proof")) {
      return fail("the inclusion proof does not prove the entry is in the transparency log", where, TAMPER_HINT, e);
    }
    if (cause.toLowerCase(Locale.ROOT).contains("checkpoint")) {
      return fail("the transparency log checkpoint does not verify (" + cause + ")", where, TAMPER_HINT, e);
    }
    return fail("the transparency log entry does not verify (" + TrustedRoots.reason(e) + ")", where, TAMPER_HINT, e);
  }

  private static TankException identityMismatch(X509Certificate leaf, KeylessPolicy policy, String where, Exception e) {
    KeylessIdentity actual;
    try {
      actual = FulcioCertificates.identity(leaf);
    } catch (CertificateParsingException pe) {
      return fail("the signing certificate names no usable identity (" + pe.getMessage() + ")", where, TRUST_HINT, e);
    }
    boolean subjectOk = policy.identity() != null
        ? policy.identity().equals(actual.subject())
        : Pattern.compile(policy.identityRegex()).matcher(actual.subject()).matches();
    boolean issuerOk = policy.issuer().equals(actual.issuer());
    String hint = "if you trust this signer, add it to trust.keyless in skills.json; otherwise this skill is not from the "
        + "publisher you trust";
    if (!subjectOk) {
      return fail("signed by '" + actual.subject() + "', but trust.keyless expects " + policy.describeIdentity()
          + (issuerOk ? "" : "; and issuer '" + actual.issuer() + "' is not the expected '" + policy.issuer() + "'"),
          where, hint, e);
    }
    if (!issuerOk) {
      return fail("identity '" + actual.subject() + "' was certified for OIDC issuer '" + actual.issuer()
          + "', but trust.keyless expects issuer '" + policy.issuer() + "'", where, hint, e);
    }
    return fail("the signing certificate's identity " + actual + " does not match trust.keyless", where, hint, e);
  }

  private static String oneLine(String s) {
    return s.replace('\n', ' ');
  }

  private static TankException fail(String what, String where, String hint, Exception cause) {
    return new TankException(ErrorCode.SIGNATURE, what, where, hint, cause);
  }
}
