package dev.tank.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import java.io.IOException;
import java.util.Base64;

/**
 * One piece of signature material found for a skill: a cosign simple-signing payload with its
 * signature, or a Sigstore bundle. Serialized so it can be kept in the content cache and checked
 * again offline ({@code tank verify}).
 */
public record Evidence(Kind kind, byte[] payload, byte[] signature, byte[] bundle, String source) {

  public enum Kind { SIMPLE_SIGNING, BUNDLE }

  private static final ObjectMapper MAPPER = new ObjectMapper();

  public static Evidence simpleSigning(byte[] payload, byte[] signature, String source) {
    return new Evidence(Kind.SIMPLE_SIGNING, payload, signature, null, source);
  }

  public static Evidence bundle(byte[] bundle, String source) {
    return new Evidence(Kind.BUNDLE, null, null, bundle, source);
  }

  /**
   * Whether this signature names {@code digest} (and, for a simple signature, the repository of
   * {@code name}). Says nothing about who signed: that is {@link TrustPolicy}'s question.
   */
  public boolean binds(dev.tank.mediatypes.SkillName name, dev.tank.mediatypes.Digest digest) {
    try {
      if (kind == Kind.SIMPLE_SIGNING) {
        SimpleSigning.Payload p = SimpleSigning.parse(payload, source);
        return p.manifestDigest().equals(digest) && SimpleSigning.namesRepository(p.dockerReference(), name.repositoryPath());
      }
      return KeyBundle.parse(bundle, source).messageDigest().equals(digest);
    } catch (TankException e) {
      return false;
    }
  }

  /** Canonical bytes: the same evidence always serializes the same way. */
  public byte[] toBytes() {
    Base64.Encoder b64 = Base64.getEncoder();
    ObjectNode n = MAPPER.createObjectNode();
    if (kind == Kind.SIMPLE_SIGNING) {
      n.put("kind", "cosign-simple-signing");
      n.put("payload", b64.encodeToString(payload));
      n.put("signature", b64.encodeToString(signature));
    } else {
      n.put("kind", "sigstore-bundle");
      n.put("bundle", b64.encodeToString(bundle));
    }
    n.put("source", source == null ? "" : source);
    try {
      return MAPPER.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new TankException(ErrorCode.INTERNAL, "cannot serialize signature evidence", null, null, e);
    }
  }

  public static Evidence parse(byte[] bytes, String where) {
    try {
      JsonNode n = MAPPER.readTree(bytes);
      Base64.Decoder b64 = Base64.getDecoder();
      String source = n.path("source").asText("");
      return switch (n.path("kind").asText("")) {
        case "cosign-simple-signing" -> simpleSigning(
            b64.decode(n.path("payload").asText()), b64.decode(n.path("signature").asText()), source);
        case "sigstore-bundle" -> bundle(b64.decode(n.path("bundle").asText()), source);
        default -> throw new IllegalArgumentException("unknown kind");
      };
    } catch (IOException | IllegalArgumentException | NullPointerException e) {
      throw new TankException(ErrorCode.SIGNATURE, "cached signature evidence is unreadable", where,
          "run 'tank install' with the registry reachable to fetch the signatures again", e);
    }
  }
}
