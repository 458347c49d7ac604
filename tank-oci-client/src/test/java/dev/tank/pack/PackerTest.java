package dev.tank.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import dev.tank.oci.Descriptor;
import dev.tank.testing.SkillFixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackerTest {
  @TempDir Path tmp;

  private PackedSkill pack(Path dir) {
    SkillFolder f = SkillFolder.load(dir);
    return Packer.pack(f, f.version());
  }

  @Test
  void samefolderPacksToIdenticalBytesWhateverTheTimestamps() throws IOException {
    Path dir = SkillFixtures.skill(tmp.resolve("a"), "demo", "1.0.0", Map.of());
    PackedSkill first = pack(dir);
    try (var s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Files.setLastModifiedTime(p, FileTime.fromMillis(1_234_567_890_000L));
      }
    }
    PackedSkill second = pack(dir);
    assertThat(second.layerBytes()).isEqualTo(first.layerBytes());
    assertThat(second.manifestDigest()).isEqualTo(first.manifestDigest());
  }

  @Test
  void copyOfTheFolderCreatedInAnotherOrderPacksIdentically() throws IOException {
    Path a = SkillFixtures.skill(tmp.resolve("a"), "demo", "1.0.0", Map.of());
    Files.writeString(a.resolve("zeta.md"), "z");
    Files.createDirectories(a.resolve("assets"));
    Files.writeString(a.resolve("assets/b.txt"), "b");
    Files.writeString(a.resolve("assets/a.txt"), "a");
    Path b = tmp.resolve("b/demo");
    Files.createDirectories(b.resolve("assets"));
    Files.createDirectories(b.resolve("scripts"));
    Files.writeString(b.resolve("assets/a.txt"), "a");
    Files.writeString(b.resolve("zeta.md"), "z");
    Files.writeString(b.resolve("assets/b.txt"), "b");
    Files.copy(a.resolve("scripts/run.sh"), b.resolve("scripts/run.sh"));
    b.resolve("scripts/run.sh").toFile().setExecutable(true);
    Files.copy(a.resolve("skills.json"), b.resolve("skills.json"));
    Files.copy(a.resolve("SKILL.md"), b.resolve("SKILL.md"));
    assertThat(pack(b).manifestDigest()).isEqualTo(pack(a).manifestDigest());
  }

  @Test
  void executableBitChangesTheDigest() throws IOException {
    Path dir = SkillFixtures.skill(tmp, "demo", "1.0.0", Map.of());
    PackedSkill exec = pack(dir);
    dir.resolve("scripts/run.sh").toFile().setExecutable(false, false);
    assertThat(pack(dir).manifestDigest()).isNotEqualTo(exec.manifestDigest());
  }

  @Test
  void tarballHasFixedHeadersSortedEntriesAndModes() throws IOException {
    Path dir = SkillFixtures.skill(tmp, "demo", "1.0.0", Map.of());
    Files.writeString(dir.resolve("a-long-" + "x".repeat(120) + ".md"), "long name");
    PackedSkill p = pack(dir);
    byte[] gz = p.layerBytes();
    assertThat(gz[4] | gz[5] | gz[6] | gz[7]).as("gzip mtime").isZero();
    assertThat(gz[9] & 0xff).as("gzip OS").isEqualTo(255);
    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(gz)))) {
      for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
        names.add(e.getName());
        assertThat(e.getModTime().getTime()).isZero();
        assertThat(e.getLongUserId()).isZero();
        assertThat(e.getLongGroupId()).isZero();
        assertThat(e.getUserName()).isEmpty();
        assertThat(e.isFile()).isTrue();
        assertThat(e.getMode()).isEqualTo(e.getName().endsWith(".sh") ? 0755 : 0644);
      }
    }
    assertThat(names).containsExactly(
        "SKILL.md", "a-long-" + "x".repeat(120) + ".md", "scripts/run.sh", "skills.json");
  }

  @Test
  void manifestCarriesTankMediaTypesAndFixedCreated() {
    PackedSkill p = pack(SkillFixtures.skill(tmp, "demo", "1.0.0", Map.of()));
    String m = new String(p.manifestBytes(), StandardCharsets.UTF_8);
    assertThat(m).startsWith("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"artifactType\":\"application/vnd.tank.skill.v1\"");
    assertThat(m).contains("\"org.opencontainers.image.created\":\"1970-01-01T00:00:00Z\"");
    assertThat(m).contains("application/vnd.tank.skill.content.v1.tar+gzip");
    assertThat(p.config().files()).extracting(f -> f.path()).containsExactly("SKILL.md", "scripts/run.sh", "skills.json");
  }

  @Test
  void goldenDigestOfAFixedSkillNeverChanges() throws IOException {
    // Pins byte-level reproducibility across runs, JDKs and machines: if this digest changes,
    // every published skill would get a new digest on re-pack. Change it only on purpose.
    Path dir = tmp.resolve("golden");
    Files.createDirectories(dir.resolve("bin"));
    Files.writeString(dir.resolve("SKILL.md"), "---\nname: golden\ndescription: Fixed content for the golden digest.\n---\nBody\n");
    Files.writeString(dir.resolve("skills.json"), "{\"name\": \"@acme/golden\", \"version\": \"1.0.0\"}\n");
    Files.writeString(dir.resolve("bin/tool.sh"), "#!/bin/sh\necho golden\n");
    dir.resolve("bin/tool.sh").toFile().setExecutable(true);
    PackedSkill p = pack(dir);
    assertThat(p.configDigest().toString())
        .isEqualTo(GOLDEN_CONFIG);
    assertThat(p.layerDigest().toString()).isEqualTo(GOLDEN_LAYER);
    assertThat(p.manifestDigest().toString()).isEqualTo(GOLDEN_MANIFEST);
  }

  static final String GOLDEN_CONFIG = "sha256:4c6fab87d732c5cae0021589d499fce29325edbc1e52a0ba7814474060265168";
  static final String GOLDEN_LAYER = "sha256:11cb0442b43da1ae371009a2a12fab1fc50996f109bdbfae78b2cd86f890ef1a";
  // Changed once on purpose: since the config travels inside the manifest (descriptor data), the
  // manifest of the same folder differs from the one Tank wrote before (was sha256:62766f85…).
  static final String GOLDEN_MANIFEST = "sha256:7b0cad5b2178d809158a889304f6356dc68eca1c355221ab6125fb994df62439";

  @Test
  void aSmallConfigTravelsInsideTheManifestAndStillAsABlob() throws IOException {
    PackedSkill p = pack(SkillFixtures.skill(tmp, "demo", "1.0.0", Map.of()));
    Descriptor config = p.manifest().config();
    assertThat(config.data()).isNotNull();
    assertThat(java.util.Base64.getDecoder().decode(config.data())).isEqualTo(p.configBytes());
    assertThat(config.embedded("demo")).hasValue(p.configBytes());
    assertThat(new String(p.manifestBytes(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("\"size\":" + p.configBytes().length + ",\"data\":\"");
  }

  @Test
  void aConfigAboveTheLimitIsOnlyABlob() throws IOException {
    Path dir = SkillFixtures.skill(tmp, "many", "1.0.0", Map.of());
    Files.createDirectories(dir.resolve("refs"));
    for (int i = 0; i < 400; i++) {
      Files.writeString(dir.resolve("refs/note-" + i + ".md"), "note " + i + "\n");
    }
    PackedSkill p = pack(dir);
    assertThat(p.configBytes().length).isGreaterThan(Packer.EMBED_CONFIG_UP_TO);
    assertThat(p.manifest().config().data()).isNull();
    assertThat(p.manifest().config().embedded("many")).isEmpty();
  }

  @Test
  void embeddedDataThatIsNotTheDescribedContentIsRefused() throws IOException {
    PackedSkill p = pack(SkillFixtures.skill(tmp, "demo", "1.0.0", Map.of()));
    Descriptor honest = p.manifest().config();
    byte[] other = p.configBytes().clone();
    other[other.length / 2] ^= 1;
    Descriptor lying = new Descriptor(honest.mediaType(), null, honest.digest(), honest.size(),
        java.util.Base64.getEncoder().encodeToString(other), null);
    assertThatThrownBy(() -> lying.embedded("@acme/demo@1.0.0"))
        .isInstanceOfSatisfying(TankException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INTEGRITY);
          assertThat(e.getMessage()).contains(honest.digest()).contains("@acme/demo@1.0.0");
          assertThat(e.hint()).isNotBlank();
        });
    Descriptor notBase64 = new Descriptor(honest.mediaType(), null, honest.digest(), honest.size(), "%%%", null);
    assertThatThrownBy(() -> notBase64.embedded("x")).hasMessageContaining("TANK-E-INTEGRITY").hasMessageContaining("base64");
    assertThatThrownBy(() -> honest.withData(other)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void symlinkInTheFolderIsRefused() throws IOException {
    Path dir = SkillFixtures.skill(tmp, "demo", "1.0.0", Map.of());
    Files.createSymbolicLink(dir.resolve("passwd"), Path.of("/etc/passwd"));
    assertThatThrownBy(() -> SkillFolder.load(dir))
        .isInstanceOf(TankException.class)
        .satisfies(e -> assertThat(((TankException) e).code()).isEqualTo(ErrorCode.SKILL_INVALID))
        .hasMessageContaining("symbolic link")
        .hasMessageContaining("passwd");
  }

  @Test
  void caseCollidingNamesAreRefused() throws IOException {
    Path dir = SkillFixtures.skill(tmp, "demo", "1.0.0", Map.of());
    Files.writeString(dir.resolve("README.md"), "a");
    Files.writeString(dir.resolve("readme.md"), "b");
    assertThatThrownBy(() -> SkillFolder.load(dir)).hasMessageContaining("differ only in letter case");
  }

  @Test
  void frontmatterNameMustEqualFolderName() throws IOException {
    Path dir = SkillFixtures.skill(tmp, "demo", "1.0.0", Map.of());
    Path other = tmp.resolve("other");
    Files.move(dir, other);
    assertThatThrownBy(() -> SkillFolder.load(other))
        .isInstanceOf(TankException.class)
        .hasMessageContaining("TANK-E-SKILL")
        .hasMessageContaining("differs from the folder name 'other'")
        .hasMessageContaining("SKILL.md");
  }

  @Test
  void missingSkillMdIsAClearError() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("empty"));
    assertThatThrownBy(() -> SkillFolder.load(dir)).hasMessageContaining("SKILL.md is missing");
  }

  @Test
  void publishingWithoutVersionNamesTheFix() throws IOException {
    Path dir = SkillFixtures.skill(tmp, "demo", "1.0.0", Map.of());
    Files.delete(dir.resolve("skills.json"));
    SkillFolder f = SkillFolder.load(dir);
    assertThatThrownBy(f::version).hasMessageContaining("no version to publish").hasMessageContaining("skills.json");
  }

  @Test
  void skillsJsonNameMustMatchTheSkill() throws IOException {
    Path dir = SkillFixtures.skill(tmp, "demo", "1.0.0", Map.of());
    Files.writeString(dir.resolve("skills.json"), "{\"name\": \"@acme/other\", \"version\": \"1.0.0\"}");
    assertThatThrownBy(() -> SkillFolder.load(dir)).hasMessageContaining("does not end in the SKILL.md name");
  }
}
