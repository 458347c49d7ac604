package dev.tank.mediatypes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The YAML frontmatter of {@code SKILL.md}, per the Agent Skills specification: {@code name}
 * (1–64 of {@code a-z0-9-}, no leading, trailing or double hyphen), {@code description} (1–1024
 * characters), optional {@code license}, {@code compatibility} (at most 500 characters), {@code
 * metadata} (string to string) and {@code allowed-tools}. Any other field is rejected.
 */
@JsonPropertyOrder({"name", "description", "license", "compatibility", "metadata", "allowed-tools"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Frontmatter(
    String name,
    String description,
    String license,
    String compatibility,
    Map<String, String> metadata,
    @JsonProperty("allowed-tools") String allowedTools) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  public Frontmatter {
    Fields.require(name, "name");
    if (name.length() > 64 || !NAME.matcher(name).matches()) {
      throw new TankException(
          ErrorCode.SKILL_INVALID,
          "name '" + name + "' is not a valid skill name",
          "name",
          "use 1-64 characters of a-z, 0-9 and '-', with no leading, trailing or double hyphen");
    }
    if (!Fields.hasText(description)) {
      throw new TankException(
          ErrorCode.SKILL_INVALID, "description is missing or empty", "description",
          "add a 'description:' saying what the skill does and when to use it");
    }
    // Lengths count Unicode code points (characters), not UTF-16 units, as JSON Schema does.
    if (Fields.length(description) > 1024) {
      throw new TankException(
          ErrorCode.SKILL_INVALID,
          "description is " + Fields.length(description) + " characters, at most 1024 allowed",
          "description",
          "shorten it");
    }
    if (compatibility != null && (compatibility.isEmpty() || Fields.length(compatibility) > 500)) {
      throw new TankException(
          ErrorCode.SKILL_INVALID,
          "compatibility must be 1-500 characters",
          "compatibility",
          "shorten it or remove the field");
    }
    metadata = Fields.sortedCopy(metadata);
  }
}
