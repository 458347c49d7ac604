package dev.tank.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tank.mediatypes.SkillConfig;
import dev.tank.pack.PackedSkill;
import dev.tank.pack.Packer;
import dev.tank.pack.SkillFolder;
import dev.tank.testing.SkillFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkillSbomTest {
  @TempDir Path tmp;

  PackedSkill packed() throws Exception {
    Path dir = SkillFixtures.skill(tmp, "x", "1.2.0", Map.of("@acme/base", "^1.0.0"));
    Files.writeString(dir.resolve("skills.json"), "{\"name\": \"@acme/x\", \"version\": \"1.2.0\","
        + " \"skills\": {\"@acme/base\": \"^1.0.0\"},"
        + " \"permissions\": {\"network\": {\"outbound\": [\"api.github.com\"]}, \"subprocess\": [\"git\"]}}\n");
    return Packer.pack(SkillFolder.load(dir), "1.2.0");
  }

  @Test
  void theSbomIsValidCycloneDx16AndComplete() throws Exception {
    PackedSkill p = packed();
    byte[] sbom = SkillSbom.generate(p.config(), p.manifestDigest());
    assertThat(new JsonParser().validate(sbom, Version.VERSION_16)).isEmpty();
    JsonNode root = new ObjectMapper().readTree(sbom);
    assertThat(root.path("specVersion").asText()).isEqualTo("1.6");
    JsonNode skill = root.at("/metadata/component");
    assertThat(skill.path("purl").asText()).isEqualTo("pkg:tank/acme/x@1.2.0");
    List<String> props = new ArrayList<>();
    skill.path("properties").forEach(n -> props.add(n.path("name").asText() + "=" + n.path("value").asText()));
    assertThat(props).contains("tank:manifest-digest=" + p.manifestDigest(),
        "tank:permission:network.outbound=api.github.com", "tank:permission:subprocess=git");
    assertThat(root.path("components").findValuesAsText("purl")).contains("pkg:tank/acme/base");
    assertThat(root.at("/dependencies/0/dependsOn/0").asText()).isEqualTo("pkg:tank/acme/base");
    assertThat(SkillSbom.missing(sbom, p.config())).isEmpty();
  }

  @Test
  void theSameSkillGivesTheSameBytes() throws Exception {
    PackedSkill p = packed();
    String first = new String(SkillSbom.generate(p.config(), p.manifestDigest()), StandardCharsets.UTF_8);
    // The library stamps the time into metadata unless told not to; that would break reproducibility
    // (and two calls within one second would hide it), so its absence is checked directly.
    assertThat(new ObjectMapper().readTree(first).path("metadata").has("timestamp")).isFalse();
    assertThat(new String(SkillSbom.generate(p.config(), p.manifestDigest()), StandardCharsets.UTF_8)).isEqualTo(first);
  }

  @Test
  void missingNamesWhatAnIncompleteSbomLacks() throws Exception {
    PackedSkill p = packed();
    String sbom = new String(SkillSbom.generate(p.config(), p.manifestDigest()), StandardCharsets.UTF_8);
    SkillConfig.FileEntry script = p.config().files().stream().filter(f -> f.path().endsWith("run.sh")).findFirst().orElseThrow();
    String tampered = sbom.replace(script.sha256(), "0".repeat(64)).replace("pkg:tank/acme/base\"", "pkg:tank/acme/other\"");
    assertThat(SkillSbom.missing(tampered.getBytes(StandardCharsets.UTF_8), p.config()))
        .contains("file scripts/run.sh has another hash", "dependency @acme/base is not listed");
    assertThat(SkillSbom.missing("nope".getBytes(StandardCharsets.UTF_8), p.config())).containsExactly("the SBOM is not JSON");
  }
}
