package dev.tank.mediatypes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A skill's declared interface: named entrypoints (tools), each with a description and an input
 * JSON Schema. Semver enforcement compares interfaces between versions.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Interface(Map<String, Entrypoint> entrypoints) {
  public Interface {
    entrypoints = Fields.sortedCopy(entrypoints);
  }

  /** One entrypoint. {@code input} is a JSON Schema object. */
  @JsonPropertyOrder({"description", "input"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Entrypoint(String description, JsonNode input) {
    public Entrypoint {
      if (input != null && !input.isObject()) {
        throw Fields.schema("input", "must be a JSON Schema object", null);
      }
    }
  }
}
