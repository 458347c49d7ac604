package dev.tank.oci;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.tank.mediatypes.Digest;
import java.util.Map;
import java.util.TreeMap;

/** An OCI content descriptor. Unknown fields are tolerated: descriptors come from any registry. */
@JsonPropertyOrder({"mediaType", "artifactType", "digest", "size", "annotations"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Descriptor(
    String mediaType, String artifactType, String digest, long size, Map<String, String> annotations) {

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
    return new Descriptor(mediaType, null, digest.toString(), size, null);
  }

  public Digest parsedDigest() {
    return Digest.parse(digest);
  }

  public Descriptor withAnnotations(Map<String, String> a) {
    return new Descriptor(mediaType, artifactType, digest, size, a);
  }
}
