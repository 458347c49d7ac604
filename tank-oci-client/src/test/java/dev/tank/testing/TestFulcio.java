package dev.tank.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A Fulcio-like certificate authority (root and intermediate, ECDSA P-256) and the CT log that
 * timestamps its certificates. Leaf certificates look like Fulcio's: empty subject, one critical
 * SAN (email or URI), code-signing usage, the OIDC issuer in extensions 1.3.6.1.4.1.57264.1.1 (raw)
 * and .1.8 (UTF8String), and an embedded precertificate SCT (RFC 6962 section 3.3) signed by the CT
 * log's key over the certificate's TBS without the SCT extension.
 */
final class TestFulcio {
  static final String SCT_LIST_OID = "1.3.6.1.4.1.11129.2.4.2";
  static final String ISSUER_V1_OID = "1.3.6.1.4.1.57264.1.1";
  static final String ISSUER_V2_OID = "1.3.6.1.4.1.57264.1.8";
  private static final SecureRandom RANDOM = new SecureRandom();

  final KeyPair rootKey = newKey();
  final KeyPair intermediateKey = newKey();
  final X509Certificate root;
  final X509Certificate intermediate;
  private final KeyPair ctKey;

  /** A CA valid from {@code start} for ten years; {@code ctKey} signs the SCTs of its leaves. */
  TestFulcio(String name, Instant start, KeyPair ctKey) {
    this.ctKey = ctKey;
    Instant end = start.plusSeconds(3650L * 86400);
    X500Name rootName = new X500Name("O=" + name + ",CN=" + name + " root");
    X500Name intermediateName = new X500Name("O=" + name + ",CN=" + name + " intermediate");
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder r = new JcaX509v3CertificateBuilder(rootName, serial(), Date.from(start), Date.from(end),
          rootName, rootKey.getPublic());
      r.addExtension(Extension.basicConstraints, true, new BasicConstraints(1));
      r.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      r.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(rootKey.getPublic()));
      root = certificate(r.build(signer(rootKey.getPrivate())));

      X509v3CertificateBuilder i = new JcaX509v3CertificateBuilder(rootName, serial(), Date.from(start), Date.from(end),
          intermediateName, intermediateKey.getPublic());
      i.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      i.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      i.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
      i.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(intermediateKey.getPublic()));
      i.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(root));
      intermediate = certificate(i.build(signer(rootKey.getPrivate())));
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A short-lived leaf for {@code subject} (email when it has an '@' and no scheme, else URI). */
  X509Certificate issue(PublicKey leafKey, String subject, String oidcIssuer, Instant notBefore, Instant notAfter,
      boolean withSct) {
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
          X500Name.getInstance(intermediate.getSubjectX500Principal().getEncoded()), serial(),
          Date.from(notBefore), Date.from(notAfter), new X500Name(new RDN[0]), leafKey);
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
      b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(leafKey));
      b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(intermediate));
      boolean email = subject.contains("@") && !subject.contains("://");
      b.addExtension(Extension.subjectAlternativeName, true,
          new GeneralNames(new GeneralName(email ? GeneralName.rfc822Name : GeneralName.uniformResourceIdentifier, subject)));
      b.addExtension(new ASN1ObjectIdentifier(ISSUER_V1_OID), false, oidcIssuer.getBytes(StandardCharsets.UTF_8));
      b.addExtension(new ASN1ObjectIdentifier(ISSUER_V2_OID), false, new DERUTF8String(oidcIssuer));
      ContentSigner signer = signer(intermediateKey.getPrivate());
      if (!withSct) {
        return certificate(b.build(signer));
      }
      // The log signs the precertificate: this TBS, before the SCT extension is added.
      byte[] precertTbs = b.build(signer).toASN1Structure().getTBSCertificate().getEncoded(ASN1Encoding.DER);
      byte[] sct = sct(precertTbs, notBefore.toEpochMilli());
      ByteArrayOutputStream list = new ByteArrayOutputStream();
      u16(list, sct.length + 2);
      u16(list, sct.length);
      list.write(sct);
      b.addExtension(new ASN1ObjectIdentifier(SCT_LIST_OID), false, new DEROctetString(list.toByteArray()));
      return certificate(b.build(signer));
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An RFC 6962 SignedCertificateTimestamp (v1, no extensions, ECDSA/SHA-256) for a precertificate. */
  private byte[] sct(byte[] precertTbs, long timestampMillis) throws IOException, GeneralSecurityException {
    byte[] logId = sha256(ctKey.getPublic().getEncoded());
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    signed.write(0); // version v1
    signed.write(0); // signature type: certificate_timestamp
    signed.write(ByteBuffer.allocate(8).putLong(timestampMillis).array());
    u16(signed, 1); // entry type: precert_entry
    signed.write(sha256(intermediate.getPublicKey().getEncoded())); // issuer_key_hash
    signed.write(precertTbs.length >>> 16);
    u16(signed, precertTbs.length & 0xffff);
    signed.write(precertTbs);
    u16(signed, 0); // no extensions
    byte[] signature = sign(ctKey.getPrivate(), "SHA256withECDSA", signed.toByteArray());

    ByteArrayOutputStream sct = new ByteArrayOutputStream();
    sct.write(0);
    sct.write(logId);
    sct.write(ByteBuffer.allocate(8).putLong(timestampMillis).array());
    u16(sct, 0);
    sct.write(4); // hash: sha256
    sct.write(3); // signature: ecdsa
    u16(sct, signature.length);
    sct.write(signature);
    return sct.toByteArray();
  }

  static KeyPair newKey() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] sign(PrivateKey key, String algorithm, byte[] data) {
    try {
      Signature s = Signature.getInstance(algorithm);
      s.initSign(key, RANDOM);
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void u16(ByteArrayOutputStream out, int v) {
    out.write(v >>> 8);
    out.write(v & 0xff);
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE);
  }

  private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
    return new JcaContentSignerBuilder("SHA256withECDSA").build(key);
  }

  private static X509Certificate certificate(X509CertificateHolder holder) throws GeneralSecurityException {
    return new JcaX509CertificateConverter().getCertificate(holder);
  }
}
