package dev.tank.oci;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.Json;
import dev.tank.mediatypes.TankException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An OCI image index: the {@code index.json} of a layout, or a referrers (fallback) index. */
@JsonPropertyOrder({"schemaVersion", "mediaType", "artifactType", "manifests", "annotations"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record OciIndex(
    int schemaVersion, String mediaType, String artifactType, List<Descriptor> manifests, Map<String, String> annotations) {

  private static final ObjectReader READER =
      Json.mapper().readerFor(OciIndex.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public OciIndex {
    manifests = manifests == null ? List.of() : List.copyOf(manifests);
    annotations = annotations == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
  }

  public byte[] toBytes() {
    return Json.writeCompact(this);
  }

  public static OciIndex parse(byte[] bytes, String where) {
    try {
      OciIndex i = READER.readValue(bytes);
      if (i == null || i.schemaVersion != 2) {
        throw new TankException(ErrorCode.REGISTRY, "not an OCI image index (schemaVersion 2)", where,
            "the registry (or a proxy) answered with something else; retry, and report it to the registry's operator if it persists");
      }
      return i;
    } catch (IOException | IllegalArgumentException e) {
      throw new TankException(ErrorCode.REGISTRY, "index is not valid JSON: " + e.getMessage(), where,
          "the answer was cut short or corrupted; retry, and report it to the registry's operator if it persists", e);
    }
  }
}
