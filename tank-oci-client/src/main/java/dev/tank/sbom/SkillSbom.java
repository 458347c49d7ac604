package dev.tank.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.Json;
import dev.tank.mediatypes.Permissions;
import dev.tank.mediatypes.SkillConfig;
import dev.tank.mediatypes.SkillName;
import dev.tank.mediatypes.TankException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.metadata.ToolInformation;

/**
 * A skill's CycloneDX 1.6 JSON SBOM, built from its config: the skill itself (with a
 * {@code pkg:tank/...} package URL, its manifest digest and declared permissions as properties),
 * every file with its SHA-256, and its skill dependencies with their ranges. The same config and
 * manifest digest always give the same bytes (no timestamp; the serial number is derived from the
 * manifest digest).
 */
public final class SkillSbom {
  public static final String MEDIA_TYPE = "application/vnd.cyclonedx+json";
  public static final String PROPERTY_PREFIX = "tank:";

  private SkillSbom() {}

  /** The package URL Tank uses for a skill: {@code pkg:tank/org/name@version} ({@code pkg:tank/name} unscoped). */
  public static String purl(SkillName name, String version) {
    String base = "pkg:tank/" + (name.scope() == null ? "" : name.scope() + "/") + name.name();
    return version == null ? base : base + "@" + version;
  }

  public static byte[] generate(SkillConfig config, Digest manifestDigest) {
    SkillName name = SkillName.parse(config.name());
    Bom bom = new Bom();
    bom.setSerialNumber("urn:uuid:" + UUID.nameUUIDFromBytes(manifestDigest.toString().getBytes(StandardCharsets.UTF_8)));
    bom.setVersion(1);

    Component skill = new Component();
    skill.setType(Component.Type.APPLICATION);
    skill.setBomRef(purl(name, config.version()));
    skill.setGroup(name.scopeKey());
    skill.setName(name.name());
    skill.setVersion(config.version());
    skill.setDescription(config.description());
    skill.setPurl(purl(name, config.version()));
    if (config.license() != null) {
      LicenseChoice lc = new LicenseChoice();
      lc.setExpression(new org.cyclonedx.model.license.Expression(config.license()));
      skill.setLicenses(lc);
    }
    List<Property> props = new ArrayList<>();
    props.add(property("manifest-digest", manifestDigest.toString()));
    permissionProperties(config.permissionsOrNone(), props);
    skill.setProperties(props);

    Metadata meta = new Metadata();
    meta.setTimestamp(null); // the library stamps "now"; the SBOM must be reproducible
    meta.setComponent(skill);
    Component tool = new Component();
    tool.setType(Component.Type.APPLICATION);
    tool.setName("tank");
    ToolInformation tools = new ToolInformation();
    tools.setComponents(List.of(tool));
    meta.setToolChoice(tools);
    bom.setMetadata(meta);

    List<Component> components = new ArrayList<>();
    for (SkillConfig.FileEntry f : config.files()) {
      Component c = new Component();
      c.setType(Component.Type.FILE);
      c.setBomRef("file:" + f.path());
      c.setName(f.path());
      c.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, f.sha256())));
      c.setProperties(List.of(property("size", Long.toString(f.size())), property("mode", f.mode())));
      components.add(c);
    }
    Dependency root = new Dependency(skill.getBomRef());
    for (Map.Entry<String, String> d : config.dependencies().entrySet()) {
      SkillName dn = SkillName.parse(d.getKey());
      Component c = new Component();
      c.setType(Component.Type.LIBRARY);
      c.setBomRef(purl(dn, null));
      c.setGroup(dn.scopeKey());
      c.setName(dn.name());
      c.setVersion(d.getValue());
      c.setPurl(purl(dn, null));
      c.setProperties(List.of(property("range", d.getValue())));
      components.add(c);
      root.addDependency(new Dependency(c.getBomRef()));
    }
    bom.setComponents(components);
    bom.setDependencies(List.of(root));
    try {
      return BomGeneratorFactory.createJson(Version.VERSION_16, bom).toJsonString().getBytes(StandardCharsets.UTF_8);
    } catch (GeneratorException e) {
      throw new TankException(ErrorCode.INTERNAL, "cannot write the SBOM: " + e.getMessage(), config.name(), null, e);
    }
  }

  private static Property property(String name, String value) {
    Property p = new Property();
    p.setName(PROPERTY_PREFIX + name);
    p.setValue(value);
    return p;
  }

  /** Declared permissions as {@code tank:permission:<json path>} properties, one per leaf value. */
  private static void permissionProperties(Permissions perms, List<Property> out) {
    JsonNode tree = Json.mapper().valueToTree(perms);
    flatten("", tree, out);
  }

  private static void flatten(String path, JsonNode n, List<Property> out) {
    if (n.isObject()) {
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out);
      }
    } else if (n.isArray()) {
      for (JsonNode x : n) {
        flatten(path, x, out);
      }
    } else {
      out.add(property("permission:" + path, n.asText()));
    }
  }

  /**
   * What an SBOM misses of {@code config}: files not listed with their exact SHA-256, and
   * dependencies not listed. Empty when the SBOM is complete.
   */
  public static List<String> missing(byte[] sbom, SkillConfig config) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(sbom);
    } catch (IOException e) {
      return List.of("the SBOM is not JSON");
    }
    if (root == null || !"CycloneDX".equals(root.path("bomFormat").asText())) {
      return List.of("not a CycloneDX SBOM");
    }
    Map<String, String> files = new HashMap<>();
    List<String> deps = new ArrayList<>();
    for (JsonNode c : root.path("components")) {
      if ("file".equals(c.path("type").asText())) {
        for (JsonNode h : c.path("hashes")) {
          if ("SHA-256".equals(h.path("alg").asText())) {
            files.put(c.path("name").asText(), h.path("content").asText());
          }
        }
      } else if (c.path("purl").asText().startsWith("pkg:tank/")) {
        deps.add(c.path("purl").asText());
      }
    }
    List<String> out = new ArrayList<>();
    for (SkillConfig.FileEntry f : config.files()) {
      if (!f.sha256().equals(files.get(f.path()))) {
        out.add("file " + f.path() + (files.containsKey(f.path()) ? " has another hash" : " is not listed"));
      }
    }
    for (String d : config.dependencies().keySet()) {
      if (!deps.contains(purl(SkillName.parse(d), null))) {
        out.add("dependency " + d + " is not listed");
      }
    }
    return out;
  }
}
