package dev.tank.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import java.io.IOException;

/**
 * cosign's "simple signing" payload: the JSON document a classic cosign signature signs. It binds a
 * repository ({@code critical.identity.docker-reference}) and a manifest digest
 * ({@code critical.image.docker-manifest-digest}).
 */
public final class SimpleSigning {
  public static final String MEDIA_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";
  public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
  public static final String TYPE = "cosign container image signature";
  /** Payloads are a few hundred bytes; more is not a payload. */
  public static final long MAX_PAYLOAD_BYTES = 64 * 1024;

  // Payloads come from any signer, so they are read leniently (cosign writes "optional": null).
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SimpleSigning() {}

  /** What a payload says. */
  public record Payload(String dockerReference, Digest manifestDigest) {}

  /** The payload bytes, in cosign's field order, for {@code reference} and {@code digest}. */
  public static byte[] payload(String dockerReference, Digest manifestDigest) {
    ObjectNode root = MAPPER.createObjectNode();
    ObjectNode critical = root.putObject("critical");
    critical.putObject("identity").put("docker-reference", dockerReference);
    critical.putObject("image").put("docker-manifest-digest", manifestDigest.toString());
    critical.put("type", TYPE);
    root.putNull("optional");
    try {
      return MAPPER.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new TankException(ErrorCode.INTERNAL, "cannot write a signing payload", null, null, e);
    }
  }

  /** Parses a payload; a malformed one is a {@link ErrorCode#SIGNATURE} error naming {@code where}. */
  public static Payload parse(byte[] bytes, String where) {
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw malformed("is not JSON", where);
    }
    if (root == null || !root.isObject()) {
      throw malformed("is not a JSON object", where);
    }
    JsonNode critical = root.path("critical");
    if (!TYPE.equals(critical.path("type").asText(null))) {
      throw malformed("has critical.type '" + critical.path("type").asText("") + "', not '" + TYPE + "'", where);
    }
    String reference = critical.path("identity").path("docker-reference").asText(null);
    String digest = critical.path("image").path("docker-manifest-digest").asText(null);
    if (reference == null || digest == null) {
      throw malformed("lacks critical.identity.docker-reference or critical.image.docker-manifest-digest", where);
    }
    try {
      return new Payload(reference, Digest.parse(digest));
    } catch (TankException e) {
      throw malformed("names an invalid digest '" + digest + "'", where);
    }
  }

  /**
   * Whether a payload's docker-reference names the repository {@code repositoryPath}
   * ({@code org/name} or {@code _/name}): equal to it, or ending in {@code /} + it. The registry
   * host and prefix are not compared, so a signed skill copied to a mirror still verifies; the
   * skill's own name is, so one skill's signature cannot vouch for another.
   */
  public static boolean namesRepository(String dockerReference, String repositoryPath) {
    String ref = dockerReference;
    int at = ref.indexOf('@');
    if (at >= 0) {
      ref = ref.substring(0, at);
    }
    int colon = ref.lastIndexOf(':');
    if (colon > ref.lastIndexOf('/')) {
      ref = ref.substring(0, colon);
    }
    return ref.equals(repositoryPath) || ref.endsWith("/" + repositoryPath);
  }

  private static TankException malformed(String what, String where) {
    return new TankException(ErrorCode.SIGNATURE, "signature payload " + what, where,
        "the signature was not written by cosign or Tank; sign the skill again");
  }
}
