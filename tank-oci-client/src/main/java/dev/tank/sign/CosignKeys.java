package dev.tank.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.Json;
import dev.tank.mediatypes.TankException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * Key pairs in cosign's formats. Private keys: PEM {@code ENCRYPTED SIGSTORE PRIVATE KEY} (older
 * cosign: {@code ENCRYPTED COSIGN PRIVATE KEY}) around JSON {@code {"kdf":{"name":"scrypt",
 * "params":{"N","r","p"},"salt"},"cipher":{"name":"nacl/secretbox","nonce"},"ciphertext"}}; the
 * plaintext is the PKCS#8 DER key. Public keys: PKIX {@code PUBLIC KEY} PEM. Only ECDSA P-256.
 */
public final class CosignKeys {
  public static final String PRIVATE_PEM_TYPE = "ENCRYPTED SIGSTORE PRIVATE KEY";
  public static final String LEGACY_PRIVATE_PEM_TYPE = "ENCRYPTED COSIGN PRIVATE KEY";
  public static final String PUBLIC_PEM_TYPE = "PUBLIC KEY";
  /** cosign's current scrypt cost; keys written by cosign before v1.x used 32768. */
  static final int SCRYPT_N = 65536;
  static final int SCRYPT_R = 8;
  static final int SCRYPT_P = 1;
  private static final int MAX_SCRYPT_N = 1 << 20;
  // scrypt needs 128·N·r bytes and time in proportion to N·r·p, all chosen by the key file. cosign
  // writes N·r·p = 2^19 (64 MiB); four times that bounds a crafted file to 256 MiB and a few seconds.
  private static final long MAX_SCRYPT_COST = 4L * SCRYPT_N * SCRYPT_R * SCRYPT_P;

  private CosignKeys() {}

  /** A new ECDSA P-256 key pair. */
  public static KeyPair generate() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks ECDSA P-256", e);
    }
  }

  /** The private key encrypted with {@code password}, as cosign writes it. */
  public static String encryptPrivateKey(PrivateKey key, char[] password) {
    return encrypt(key, password, SCRYPT_N, PRIVATE_PEM_TYPE);
  }

  static String encrypt(PrivateKey key, char[] password, int n, String pemType) {
    SecureRandom random = new SecureRandom();
    byte[] salt = new byte[32];
    byte[] nonce = new byte[SecretBox.NONCE_BYTES];
    random.nextBytes(salt);
    random.nextBytes(nonce);
    byte[] pw = utf8(password);
    byte[] k = SCrypt.generate(pw, salt, n, SCRYPT_R, SCRYPT_P, SecretBox.KEY_BYTES);
    Arrays.fill(pw, (byte) 0);
    byte[] box = SecretBox.seal(key.getEncoded(), nonce, k);
    Arrays.fill(k, (byte) 0);
    Base64.Encoder b64 = Base64.getEncoder();
    ObjectNode json = Json.mapper().createObjectNode();
    ObjectNode kdf = json.putObject("kdf");
    kdf.put("name", "scrypt");
    ObjectNode params = kdf.putObject("params");
    params.put("N", n);
    params.put("r", SCRYPT_R);
    params.put("p", SCRYPT_P);
    kdf.put("salt", b64.encodeToString(salt));
    ObjectNode cipher = json.putObject("cipher");
    cipher.put("name", "nacl/secretbox");
    cipher.put("nonce", b64.encodeToString(nonce));
    json.put("ciphertext", b64.encodeToString(box));
    try {
      // Field order as cosign writes it (the shared canonical writer would sort keys).
      return pem(pemType, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(json));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Decrypts a cosign private key. Wrong password, a corrupt or altered file, unknown KDF or cipher
   * parameters and key types other than ECDSA P-256 are {@link ErrorCode#KEY} errors.
   */
  public static PrivateKey decryptPrivateKey(String pemText, char[] password, String source) {
    byte[] body = unpem(pemText, source, PRIVATE_PEM_TYPE, LEGACY_PRIVATE_PEM_TYPE);
    JsonNode json;
    try {
      json = Json.mapper().readTree(body);
    } catch (IOException e) {
      throw bad("encrypted key is not the JSON cosign writes", source, e);
    }
    JsonNode kdf = json.path("kdf");
    JsonNode params = kdf.path("params");
    if (!"scrypt".equals(kdf.path("name").asText()) || !"nacl/secretbox".equals(json.path("cipher").path("name").asText())) {
      throw bad("unsupported key encryption (want scrypt + nacl/secretbox)", source, null);
    }
    int n = params.path("N").asInt();
    int r = params.path("r").asInt();
    int p = params.path("p").asInt();
    if (n < 2 || n > MAX_SCRYPT_N || Integer.bitCount(n) != 1 || r < 1 || r > 32 || p < 1 || p > 16
        || (long) n * r * p > MAX_SCRYPT_COST) {
      throw bad("scrypt parameters out of range (N=" + n + ", r=" + r + ", p=" + p + ")", source, null);
    }
    byte[] salt = b64(kdf.path("salt"), "kdf.salt", source);
    byte[] nonce = b64(json.path("cipher").path("nonce"), "cipher.nonce", source);
    byte[] box = b64(json.path("ciphertext"), "ciphertext", source);
    if (nonce.length != SecretBox.NONCE_BYTES) {
      throw bad("nonce must be 24 bytes", source, null);
    }
    byte[] pw = utf8(password);
    byte[] k;
    try {
      k = SCrypt.generate(pw, salt, n, r, p, SecretBox.KEY_BYTES);
    } catch (IllegalArgumentException e) {
      // BouncyCastle refuses some combinations the checks above let through (r=1 with N >= 65536).
      throw bad("scrypt parameters not supported (N=" + n + ", r=" + r + ", p=" + p + "): " + e.getMessage(), source, e);
    } finally {
      Arrays.fill(pw, (byte) 0);
    }
    byte[] der = SecretBox.open(box, nonce, k);
    Arrays.fill(k, (byte) 0);
    if (der == null) {
      throw new TankException(ErrorCode.KEY, "wrong password for the private key, or the key file was altered", source,
          "check TANK_PASSWORD (or the password you typed)");
    }
    try {
      PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
      requireP256(key, source);
      return key;
    } catch (GeneralSecurityException e) {
      throw bad("the decrypted key is not an ECDSA private key (Tank supports ECDSA P-256)", source, e);
    }
  }

  /** The public half of an ECDSA private key (cosign's PKCS#8 need not carry it). */
  public static PublicKey publicKeyOf(PrivateKey key) {
    if (!(key instanceof java.security.interfaces.ECPrivateKey ec)) {
      throw bad("unsupported key type: only ECDSA P-256 keys are supported", key.getAlgorithm(), null);
    }
    org.bouncycastle.jce.spec.ECParameterSpec spec =
        org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util.convertSpec(ec.getParams());
    org.bouncycastle.math.ec.ECPoint q = spec.getG().multiply(ec.getS()).normalize();
    try {
      return KeyFactory.getInstance("EC").generatePublic(new java.security.spec.ECPublicKeySpec(
          new java.security.spec.ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()),
          ec.getParams()));
    } catch (GeneralSecurityException e) {
      throw bad("cannot derive the public key", key.getAlgorithm(), e);
    }
  }

  /** {@code sha256:<hex>} of the key's PKIX (SubjectPublicKeyInfo) DER: how Tank names a key. */
  public static String fingerprint(PublicKey key) {
    return dev.tank.mediatypes.Digest.sha256(key.getEncoded()).toString();
  }

  /** ECDSA P-256 / SHA-256 signature over {@code data}, ASN.1 DER encoded (what cosign stores). */
  public static byte[] sign(PrivateKey key, byte[] data) {
    try {
      java.security.Signature s = java.security.Signature.getInstance("SHA256withECDSA");
      s.initSign(key);
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new TankException(ErrorCode.KEY, "signing failed: " + e.getMessage(), null, "check the private key", e);
    }
  }

  /** Whether {@code signature} (ASN.1 DER ECDSA) over {@code data} verifies with {@code key}. */
  public static boolean verify(PublicKey key, byte[] data, byte[] signature) {
    try {
      java.security.Signature s = java.security.Signature.getInstance("SHA256withECDSA");
      s.initVerify(key);
      s.update(data);
      return s.verify(signature);
    } catch (java.security.SignatureException e) {
      return false; // malformed DER: not a valid signature
    } catch (GeneralSecurityException e) {
      throw new TankException(ErrorCode.KEY, "cannot verify with this key: " + e.getMessage(), null,
          "use an ECDSA P-256 public key in PEM, as `tank keygen` or `cosign generate-key-pair` write", e);
    }
  }

  /** PKIX PEM of a public key. */
  public static String publicKeyPem(PublicKey key) {
    return pem(PUBLIC_PEM_TYPE, key.getEncoded());
  }

  /** Reads a PKIX {@code PUBLIC KEY} PEM holding an ECDSA P-256 key. */
  public static PublicKey readPublicKey(String pemText, String source) {
    byte[] der = unpem(pemText, source, PUBLIC_PEM_TYPE);
    try {
      PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
      requireP256(key, source);
      return key;
    } catch (GeneralSecurityException e) {
      throw bad("not an ECDSA public key (Tank supports ECDSA P-256)", source, e);
    }
  }

  private static void requireP256(java.security.Key key, String source) {
    if (!(key instanceof ECKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
      throw bad("unsupported key type: only ECDSA P-256 keys are supported", source, null);
    }
  }

  static String pem(String type, byte[] der) {
    String b = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + b + "\n-----END " + type + "-----\n";
  }

  /** The body of the first PEM block of one of {@code types}; tolerant of CRLF and stray whitespace. */
  static byte[] unpem(String text, String source, String... types) {
    String t = text.replace("\r", "");
    for (String type : types) {
      String begin = "-----BEGIN " + type + "-----";
      String end = "-----END " + type + "-----";
      int b = t.indexOf(begin);
      if (b < 0) {
        continue;
      }
      // From after the BEGIN line: an END marker may not reuse its dashes.
      int e = t.indexOf(end, b + begin.length());
      if (e < 0) {
        throw bad("PEM block '" + type + "' is not closed", source, null);
      }
      try {
        return Base64.getMimeDecoder().decode(t.substring(b + begin.length(), e).replaceAll("\\s", ""));
      } catch (IllegalArgumentException ex) {
        throw bad("PEM body is not valid base64", source, ex);
      }
    }
    throw bad("no PEM block of type " + String.join(" or ", types), source, null);
  }

  private static byte[] b64(JsonNode n, String field, String source) {
    if (!n.isTextual()) {
      throw bad("encrypted key misses '" + field + "'", source, null);
    }
    try {
      return Base64.getDecoder().decode(n.asText());
    } catch (IllegalArgumentException e) {
      throw bad("'" + field + "' is not valid base64", source, e);
    }
  }

  private static byte[] utf8(char[] password) {
    ByteBuffer bb = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    byte[] out = new byte[bb.remaining()];
    bb.get(out);
    return out;
  }

  private static TankException bad(String what, String source, Throwable cause) {
    return new TankException(ErrorCode.KEY, what, source, "use a key written by 'tank keygen' or 'cosign generate-key-pair'", cause);
  }
}
