package dev.tank.sign;

import java.util.Objects;

/**
 * Who signed a keyless bundle: the certificate's one subject alternative name (an email or a URI
 * such as a CI workflow) and the OIDC issuer Fulcio recorded in its certificate extension.
 */
public record KeylessIdentity(String subject, String issuer) {
  public KeylessIdentity {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(issuer, "issuer");
  }

  @Override
  public String toString() {
    return subject + " (issuer " + issuer + ")";
  }
}
