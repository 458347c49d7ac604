package dev.tank.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tank.install.Installer;
import dev.tank.mediatypes.Lockfile;
import dev.tank.publish.Publisher;
import dev.tank.testing.DistributionRegistry;
import dev.tank.testing.SkillFixtures;
import dev.tank.testing.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tank's artifacts are plain OCI: the stock {@code skopeo} tool reads them from a registry, copies
 * them into an OCI layout and back, and Tank installs every copy with the same digests.
 */
class SkopeoInteropTest {
  private static final Path SKOPEO = Path.of("/usr/bin/skopeo");

  static DistributionRegistry registry;
  static Publisher.Result published;
  static Publisher.Result publishedToLayout;
  @TempDir static Path shared;
  static Path policy;
  static Path layout;

  @TempDir Path work;

  @BeforeAll
  static void start() throws IOException {
    assertThat(SKOPEO).as("skopeo is required (apt-get install -y skopeo)").isExecutable();
    registry = DistributionRegistry.start();
    policy = shared.resolve("policy.json");
    Files.writeString(policy, "{\"default\":[{\"type\":\"insecureAcceptAnything\"}]}\n");
    Path home = shared.resolve("home");
    published = Hermetic.publish(SkillFixtures.skill(shared.resolve("skills"), "interop", "1.0.0", Map.of()),
        registry.url() + "/test", home);
    layout = shared.resolve("tank-layout");
    publishedToLayout = Hermetic.publish(SkillFixtures.skill(shared.resolve("skills"), "fromlayout", "1.0.0", Map.of()),
        "oci-layout:" + layout, home);
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  /** Runs skopeo with a private HOME and the permissive policy; returns stdout, fails on a non-zero exit. */
  private String skopeo(String... args) {
    List<String> cmd = new ArrayList<>(List.of(SKOPEO.toString(), "--policy", policy.toString()));
    cmd.addAll(List.of(args));
    try {
      Path out = Files.createTempFile(work, "skopeo-", ".out");
      Path err = Files.createTempFile(work, "skopeo-", ".err");
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().put("HOME", work.toString());
      pb.environment().remove("REGISTRY_AUTH_FILE");
      pb.environment().remove("DOCKER_CONFIG");
      Process p = pb.start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("skopeo timed out: " + cmd);
      }
      String stdout = Files.readString(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new AssertionError("skopeo failed (" + p.exitValue() + "): " + cmd + "\n" + stdout
            + Files.readString(err, StandardCharsets.UTF_8));
      }
      return stdout;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static Installer.Result install(Path project, String registryRef, Path home, String skill) {
    SkillFixtures.project(project, Map.of(skill, "^1.0.0"));
    return Hermetic.install(project, registryRef, home);
  }

  private static Lockfile.Entry lockEntry(Path project, String key) {
    Lockfile.Entry e = Lockfile.read(project.resolve("skills.lock")).skills().get(key);
    assertThat(e).as("lock entry " + key).isNotNull();
    return e;
  }

  @Test
  void skopeoInspectShowsATankSkillArtifact() {
    String raw = skopeo("inspect", "--raw", "--tls-verify=false",
        "docker://" + registry.hostPort() + "/test/acme/interop:1.0.0");
    JsonNode m = RegistryHttp.json(raw);

    assertThat(m.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
    assertThat(m.path("artifactType").asText()).isEqualTo("application/vnd.tank.skill.v1");
    assertThat(m.path("config").path("mediaType").asText()).isEqualTo("application/vnd.tank.skill.config.v1+json");
    assertThat(m.path("layers")).hasSize(1);
    assertThat(m.path("layers").path(0).path("mediaType").asText()).isEqualTo("application/vnd.tank.skill.content.v1.tar+gzip");
    assertThat(RegistryHttp.sha256(raw.getBytes(StandardCharsets.UTF_8))).isEqualTo(published.digest());
  }

  @Test
  void skopeoCopyToAnOciLayoutInstallsWithTheSameDigests() throws IOException {
    Path dir = work.resolve("skopeo-layout");
    Files.createDirectories(dir.resolve("acme")); // skopeo creates the last path element only
    skopeo("copy", "--src-tls-verify=false",
        "docker://" + registry.hostPort() + "/test/acme/interop:1.0.0", "oci:" + dir.resolve("acme/interop") + ":1.0.0");
    assertThat(dir.resolve("acme/interop/index.json")).exists();

    Path fromRegistry = work.resolve("from-registry");
    Path fromLayout = work.resolve("from-layout");
    Installer.Result a = install(fromRegistry, registry.url() + "/test", work.resolve("home-a"), "@acme/interop");
    Installer.Result b = install(fromLayout, "oci-layout:" + dir, work.resolve("home-b"), "@acme/interop");

    assertThat(b.installed()).extracting(Installer.InstalledSkill::digest).containsExactly(published.digest());
    assertThat(a.installed()).extracting(Installer.InstalledSkill::digest).containsExactly(published.digest());
    Lockfile.Entry ea = lockEntry(fromRegistry, "@acme/interop@1.0.0");
    Lockfile.Entry eb = lockEntry(fromLayout, "@acme/interop@1.0.0");
    assertThat(eb.digest()).isEqualTo(ea.digest());
    assertThat(eb.integrity()).isEqualTo(ea.integrity());
    assertThat(TestFiles.snapshot(fromLayout.resolve(".agents/skills/interop")))
        .isEqualTo(TestFiles.snapshot(fromRegistry.resolve(".agents/skills/interop")));
  }

  @Test
  void skopeoCopiesATankWrittenLayoutIntoARegistryAndTankInstallsTheCopy() {
    skopeo("copy", "--dest-tls-verify=false",
        "oci:" + layout.resolve("acme/fromlayout") + ":1.0.0",
        "docker://" + registry.hostPort() + "/mirror/acme/fromlayout:1.0.0");
    String raw = skopeo("inspect", "--raw", "--tls-verify=false",
        "docker://" + registry.hostPort() + "/mirror/acme/fromlayout:1.0.0");
    assertThat(RegistryHttp.sha256(raw.getBytes(StandardCharsets.UTF_8))).isEqualTo(publishedToLayout.digest());

    Path fromMirror = work.resolve("from-mirror");
    Path fromLayout = work.resolve("from-layout");
    Installer.Result a = install(fromMirror, registry.url() + "/mirror", work.resolve("home-a"), "@acme/fromlayout");
    Installer.Result b = install(fromLayout, "oci-layout:" + layout, work.resolve("home-b"), "@acme/fromlayout");

    assertThat(a.installed()).extracting(Installer.InstalledSkill::digest).containsExactly(publishedToLayout.digest());
    assertThat(b.installed()).extracting(Installer.InstalledSkill::digest).containsExactly(publishedToLayout.digest());
    Lockfile.Entry ea = lockEntry(fromMirror, "@acme/fromlayout@1.0.0");
    Lockfile.Entry eb = lockEntry(fromLayout, "@acme/fromlayout@1.0.0");
    assertThat(ea.digest()).isEqualTo(eb.digest());
    assertThat(ea.integrity()).isEqualTo(eb.integrity());
    assertThat(ea.resolved()).startsWith(registry.hostPort() + "/mirror/acme/fromlayout@" + publishedToLayout.digest());
  }
}
