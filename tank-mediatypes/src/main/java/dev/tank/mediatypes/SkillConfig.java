package dev.tank.mediatypes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The config blob of a skill manifest ({@link MediaTypes#SKILL_CONFIG}): everything a client needs
 * to decide about a skill before downloading its content, and the per-file hashes that the
 * content must match after download.
 */
@JsonPropertyOrder({
  "schemaVersion", "name", "version", "description", "license", "dependencies", "permissions", "interface",
  "frontmatter", "files"
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SkillConfig(
    int schemaVersion,
    String name,
    String version,
    String description,
    String license,
    Map<String, String> dependencies,
    Permissions permissions,
    @JsonProperty("interface") Interface iface,
    Frontmatter frontmatter,
    List<FileEntry> files) {

  public static final int SCHEMA_VERSION = 1;

  public SkillConfig {
    if (schemaVersion != SCHEMA_VERSION) {
      throw Fields.schema("$.schemaVersion", "unsupported schemaVersion " + schemaVersion, "upgrade Tank");
    }
    Fields.skillName(Fields.require(name, "$.name"), "$.name");
    SemverSyntax.check(Fields.require(version, "$.version"), "$.version");
    dependencies = Fields.dependencies(dependencies, "$.dependencies");
    if (frontmatter == null) {
      throw Fields.schema("$.frontmatter", "required field is missing", null);
    }
    files = Fields.copy(files);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < files.size(); i++) {
      if (!seen.add(files.get(i).path())) {
        throw Fields.schema("$.files[" + i + "].path", "duplicate path '" + files.get(i).path() + "'", null);
      }
    }
  }

  public SkillName skillName() {
    return SkillName.parse(name);
  }

  public Permissions permissionsOrNone() {
    return permissions == null ? Permissions.NONE : permissions;
  }

  /** One file of the skill, as packed. */
  @JsonPropertyOrder({"path", "size", "mode", "sha256"})
  public record FileEntry(String path, long size, String mode, String sha256) {
    public FileEntry {
      Fields.require(path, "path");
      if (size < 0) {
        throw Fields.schema("size", "must not be negative", null);
      }
      if (!"0644".equals(mode) && !"0755".equals(mode)) {
        throw Fields.schema("mode", "must be \"0644\" or \"0755\"", null);
      }
      if (sha256 == null || !sha256.matches("[a-f0-9]{64}")) {
        throw Fields.schema("sha256", "must be 64 lowercase hex digits", null);
      }
    }
  }
}
