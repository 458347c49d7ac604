package dev.tank.mediatypes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code skills.json}: in a skill folder it describes the skill (name, version, dependencies,
 * permissions it needs, interface); in a project it lists the skills wanted and the permission
 * budget. Range strings are checked by the resolver, which knows npm's grammar.
 */
@JsonPropertyOrder({
  "name", "version", "description", "skills", "permissions", "interface", "audit", "registries", "trust", "agents"
})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SkillsJson(
    String name,
    String version,
    String description,
    Map<String, String> skills,
    Permissions permissions,
    @JsonProperty("interface") Interface iface,
    Audit audit,
    Map<String, String> registries,
    JsonNode trust,
    // NON_NULL, not NON_EMPTY: "agents": [] (link nowhere) must survive a rewrite, not become the default.
    @JsonInclude(JsonInclude.Include.NON_NULL) List<String> agents) {

  public static final String FILE_NAME = "skills.json";

  /** Agents Tank links installed skills into, and the folder each one reads. */
  public static final Map<String, String> AGENT_FOLDERS =
      Map.of(
          "claude", ".claude/skills",
          "codex", ".codex/skills",
          "cursor", ".cursor/skills",
          "gemini", ".gemini/skills",
          "copilot", ".github/skills",
          "opencode", ".opencode/skills");

  public SkillsJson {
    if (name != null && !SkillName.isValid(name)) {
      throw new TankException(
          ErrorCode.INVALID_NAME, "'" + name + "' is not a valid skill name", "$.name",
          "use '@org/name' or 'name': a-z, 0-9 and single inner hyphens");
    }
    if (version != null) {
      SemverSyntax.check(version, "$.version");
    }
    skills = Fields.dependencies(skills, "$.skills");
    registries = Fields.sortedCopy(registries);
    for (Map.Entry<String, String> e : registries.entrySet()) {
      String key = e.getKey();
      if (!key.equals("default") && !(key.startsWith("@") && SkillName.isValid(key + "/x"))) {
        throw Fields.schema(
            "$.registries['" + key + "']", "registry key must be 'default' or a scope like '@org'", null);
      }
      if (e.getValue().isEmpty()) {
        throw Fields.schema("$.registries['" + key + "']", "registry reference is empty", "e.g. \"ghcr.io/acme/skills\"");
      }
    }
    agents = agents == null ? null : List.copyOf(agents);
    if (agents != null) {
      for (int i = 0; i < agents.size(); i++) {
        if (!AGENT_FOLDERS.containsKey(agents.get(i))) {
          throw Fields.schema(
              "$.agents[" + i + "]", "unknown agent '" + agents.get(i) + "'",
              "known agents: " + new TreeMap<>(AGENT_FOLDERS).keySet());
        }
      }
    }
    if (trust != null && !trust.isObject()) {
      throw Fields.schema("$.trust", "must be an object", null);
    }
  }

  /** {@code audit} policy of a project. */
  @JsonPropertyOrder({"min_score", "require_signing"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Audit(
      @JsonProperty("min_score") Double minScore, @JsonProperty("require_signing") Boolean requireSigning) {
    public Audit {
      if (minScore != null && (minScore < 0 || minScore > 10)) {
        // Relative: Jackson's path to this object ($.audit) is put in front.
        throw Fields.schema("min_score", "must be between 0 and 10", null);
      }
    }
  }

  /** An empty project manifest. */
  public static SkillsJson emptyProject(String name) {
    return new SkillsJson(name, null, null, Map.of(), null, null, null, Map.of(), null, List.of("claude"));
  }

  public static SkillsJson read(Path file) {
    return Json.read(file, SkillsJson.class);
  }

  /** Agents to link into; {@code claude} when the file names none. */
  public List<String> agentsOrDefault() {
    return agents == null ? List.of("claude") : agents;
  }

  public Permissions permissionsOrNone() {
    return permissions == null ? Permissions.NONE : permissions;
  }

  public SkillsJson withSkills(Map<String, String> newSkills) {
    return new SkillsJson(name, version, description, newSkills, permissions, iface, audit, registries, trust, agents);
  }

  public SkillsJson withPermissions(Permissions newPermissions) {
    return new SkillsJson(name, version, description, skills, newPermissions, iface, audit, registries, trust, agents);
  }

  /** Skill names (as written) in {@code skills}. */
  public Set<String> skillNames() {
    return skills.keySet();
  }
}
