package dev.tank.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import java.io.IOException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Sigstore bundles (v0.3) whose artifact is a skill's manifest: the message signature is over the
 * manifest bytes and its {@code messageDigest} is the manifest digest. Tank writes them in key-pair
 * mode ({@code verificationMaterial.publicKey}) and reads both modes; keyless bundles (a Fulcio
 * certificate and a transparency-log entry) are verified by {@link KeylessVerification}.
 */
public final class KeyBundle {
  public static final String MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";
  /** Any Sigstore bundle media type version Tank reads. */
  public static final String MEDIA_TYPE_PREFIX = "application/vnd.dev.sigstore.bundle";
  public static final long MAX_BUNDLE_BYTES = 256 * 1024;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private KeyBundle() {}

  /** A key-pair bundle signing {@code manifestBytes}. */
  public static byte[] create(PrivateKey key, PublicKey publicKey, byte[] manifestBytes) {
    Digest digest = Digest.sha256(manifestBytes);
    Base64.Encoder b64 = Base64.getEncoder();
    ObjectNode root = MAPPER.createObjectNode();
    root.put("mediaType", MEDIA_TYPE);
    ObjectNode material = root.putObject("verificationMaterial");
    material.putObject("publicKey").put("hint", b64.encodeToString(Digest.sha256(publicKey.getEncoded()).bytes()));
    material.putArray("tlogEntries");
    ObjectNode ms = root.putObject("messageSignature");
    ms.putObject("messageDigest").put("algorithm", "SHA2_256").put("digest", b64.encodeToString(digest.bytes()));
    ms.put("signature", b64.encodeToString(CosignKeys.sign(key, manifestBytes)));
    try {
      return MAPPER.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new TankException(ErrorCode.INTERNAL, "cannot write a bundle", null, null, e);
    }
  }

  /** What Tank needs from a bundle to decide how to verify it. */
  public record Parsed(boolean keyless, Digest messageDigest, byte[] signature) {}

  /** Reads a bundle's shape; malformed bundles are {@link ErrorCode#SIGNATURE} errors. */
  public static Parsed parse(byte[] bundle, String where) {
    JsonNode root;
    try {
      root = MAPPER.readTree(bundle);
    } catch (IOException e) {
      throw malformed("is not JSON", where);
    }
    if (root == null || !root.isObject() || !root.path("mediaType").asText("").startsWith(MEDIA_TYPE_PREFIX)) {
      throw malformed("has no Sigstore bundle mediaType", where);
    }
    JsonNode material = root.path("verificationMaterial");
    boolean keyless = material.has("certificate") || material.has("x509CertificateChain");
    if (!keyless && !material.has("publicKey")) {
      throw malformed("has neither a public-key hint nor a certificate", where);
    }
    JsonNode ms = root.path("messageSignature");
    if (!ms.isObject()) {
      throw malformed("has no messageSignature (DSSE bundles do not sign a skill manifest)", where);
    }
    try {
      JsonNode md = ms.path("messageDigest");
      if (!"SHA2_256".equals(md.path("algorithm").asText())) {
        throw malformed("uses digest algorithm '" + md.path("algorithm").asText() + "', not SHA2_256", where);
      }
      byte[] digest = Base64.getDecoder().decode(md.path("digest").asText());
      byte[] sig = Base64.getDecoder().decode(ms.path("signature").asText());
      if (digest.length != 32 || sig.length == 0) {
        throw malformed("has a digest or signature of the wrong length", where);
      }
      return new Parsed(keyless, Digest.parse("sha256:" + HexFormat.of().formatHex(digest)), sig);
    } catch (IllegalArgumentException e) {
      throw malformed("holds invalid base64", where);
    }
  }

  static TankException malformed(String what, String where) {
    return new TankException(ErrorCode.SIGNATURE, "Sigstore bundle " + what, where,
        "the bundle is damaged or not for a Tank skill; sign the skill again");
  }
}
