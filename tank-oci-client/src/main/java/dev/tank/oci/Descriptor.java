package dev.tank.oci;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An OCI content descriptor. Unknown fields are tolerated: descriptors come from any registry.
 * {@code data} is the content itself, base64, embedded as OCI image-spec 1.1 allows for small blobs
 * (Tank embeds a skill's config so a client learns its dependencies from the manifest alone).
 */
@JsonPropertyOrder({"mediaType", "artifactType", "digest", "size", "data", "annotations"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Descriptor(
    String mediaType, String artifactType, String digest, long size, String data, Map<String, String> annotations) {

  public Descriptor {
    if (mediaType == null || mediaType.isEmpty()) {
      throw new IllegalArgumentException("descriptor without mediaType");
    }
    Digest.parse(digest);
    if (size < 0) {
      throw new IllegalArgumentException("negative size");
    }
    annotations = annotations == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
  }

  public static Descriptor of(String mediaType, Digest digest, long size) {
    return new Descriptor(mediaType, null, digest.toString(), size, null, null);
  }

  /** This descriptor with {@code content} embedded (which must be what it describes). */
  public Descriptor withData(byte[] content) {
    if (!describes(content)) {
      throw new IllegalArgumentException("embedded content must match the descriptor's size and digest");
    }
    return new Descriptor(mediaType, artifactType, digest, size, Base64.getEncoder().encodeToString(content), annotations);
  }

  /**
   * The embedded content, checked against the size and digest (as the image spec requires of every
   * reader), or empty when none is embedded. {@code where} names the manifest in errors.
   */
  public Optional<byte[]> embedded(String where) {
    if (data == null) {
      return Optional.empty();
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(data);
    } catch (IllegalArgumentException e) {
      throw new TankException(ErrorCode.INTEGRITY, "the data embedded for " + digest + " is not base64", where,
          "the manifest is corrupt; do not install it and tell the publisher", e);
    }
    if (!describes(bytes)) {
      throw new TankException(ErrorCode.INTEGRITY, "the data embedded for " + digest + " does not match its digest and size", where,
          "the manifest was tampered with or built wrongly; do not install it and tell the publisher");
    }
    return Optional.of(bytes);
  }

  private boolean describes(byte[] content) {
    Digest d = parsedDigest();
    return content.length == size && d.matches(d.newMessageDigest().digest(content));
  }

  public Digest parsedDigest() {
    return Digest.parse(digest);
  }

  public Descriptor withAnnotations(Map<String, String> a) {
    return new Descriptor(mediaType, artifactType, digest, size, data, a);
  }
}
