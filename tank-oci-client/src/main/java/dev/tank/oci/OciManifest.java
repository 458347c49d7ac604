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

/**
 * An OCI image manifest. Written in a fixed field order so the same value always has the same
 * digest; read leniently (unknown fields ignored) since any registry or tool may have written it —
 * what matters is verified separately against the digest.
 */
@JsonPropertyOrder({"schemaVersion", "mediaType", "artifactType", "config", "layers", "subject", "annotations"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record OciManifest(
    int schemaVersion,
    String mediaType,
    String artifactType,
    Descriptor config,
    List<Descriptor> layers,
    Descriptor subject,
    Map<String, String> annotations) {

  private static final ObjectReader READER =
      Json.mapper().readerFor(OciManifest.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public OciManifest {
    layers = layers == null ? List.of() : List.copyOf(layers);
    annotations = annotations == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
  }

  public byte[] toBytes() {
    return Json.writeCompact(this);
  }

  /** Parses manifest bytes that were already verified against their digest. */
  public static OciManifest parse(byte[] bytes, String where) {
    try {
      OciManifest m = READER.readValue(bytes);
      if (m == null || m.schemaVersion != 2 || m.config == null) {
        throw new TankException(
            ErrorCode.REGISTRY, "not an OCI image manifest (schemaVersion 2 with a config)", where,
            "check that the reference points at a Tank skill");
      }
      return m;
    } catch (IOException | IllegalArgumentException e) {
      throw new TankException(
          ErrorCode.REGISTRY, "manifest is not valid JSON or misses required fields: " + e.getMessage(), where,
          "check that the reference points at a Tank skill", e);
    }
  }
}
