package dev.tank.sign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;

/**
 * Reads the signer's identity out of a Fulcio certificate, the way sigstore-java's certificate
 * matcher does: exactly one SAN, of type email (rfc822Name) or URI; the OIDC issuer from extension
 * 1.3.6.1.4.1.57264.1.8 (a DER string), else from the older 1.3.6.1.4.1.57264.1.1 (raw UTF-8).
 */
final class FulcioCertificates {
  static final String ISSUER_OID = "1.3.6.1.4.1.57264.1.8";
  static final String LEGACY_ISSUER_OID = "1.3.6.1.4.1.57264.1.1";
  private static final int SAN_EMAIL = 1;
  private static final int SAN_URI = 6;

  private FulcioCertificates() {}

  /** The identity, or a message saying why the certificate has none. */
  static KeylessIdentity identity(X509Certificate cert) throws CertificateParsingException {
    return new KeylessIdentity(subject(cert), issuer(cert));
  }

  private static String subject(X509Certificate cert) throws CertificateParsingException {
    Collection<List<?>> sans = cert.getSubjectAlternativeNames();
    if (sans == null || sans.size() != 1) {
      throw new CertificateParsingException(
          "the signing certificate must name exactly one identity (SAN), it has " + (sans == null ? 0 : sans.size()));
    }
    List<?> san = sans.iterator().next();
    Object type = san.get(0);
    if (!Integer.valueOf(SAN_EMAIL).equals(type) && !Integer.valueOf(SAN_URI).equals(type)) {
      throw new CertificateParsingException("the signing certificate's identity is neither an email nor a URI");
    }
    return (String) san.get(1);
  }

  private static String issuer(X509Certificate cert) throws CertificateParsingException {
    try {
      byte[] ext = cert.getExtensionValue(ISSUER_OID);
      if (ext != null) {
        ASN1Primitive value = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(ext).getOctets());
        if (value instanceof ASN1String s) {
          return s.getString();
        }
        throw new CertificateParsingException("the OIDC issuer extension " + ISSUER_OID + " is not a string");
      }
      byte[] legacy = cert.getExtensionValue(LEGACY_ISSUER_OID);
      if (legacy != null) {
        return new String(ASN1OctetString.getInstance(legacy).getOctets(), StandardCharsets.UTF_8);
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new CertificateParsingException("the OIDC issuer extension is malformed", e);
    }
    throw new CertificateParsingException("the signing certificate records no OIDC issuer (not a Fulcio certificate)");
  }
}
