package dev.tank.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tank.Tank;
import dev.tank.install.Installer;
import dev.tank.mediatypes.Lockfile;
import dev.tank.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What examples/demo.sh does, as a test: the example skills publish and the example project installs. */
class ExamplesTest {
  @TempDir Path tmp;

  @Test
  void exampleSkillsPublishToALayoutAndTheExampleProjectInstallsThem() throws Exception {
    String registry = "oci-layout:" + tmp.resolve("registry");
    Path project = tmp.resolve("project");
    TestFiles.copyTree(Path.of("project"), project);
    try (Tank tank = Tank.builder().projectDir(project).registry(registry).cacheDir(tmp.resolve("cache"))
        .env(Map.of()).home(tmp).build()) {
      for (String skill : new String[] {"commit-message", "changelog", "release-notes"}) {
        tank.publish(Path.of("skills", skill).toAbsolutePath(), false);
      }
      Installer.Result r = tank.install(Installer.Options.install());
      assertThat(r.installed()).extracting(Installer.InstalledSkill::name).containsExactly(
          "@tank-examples/changelog", "@tank-examples/commit-message", "@tank-examples/release-notes");
    }
    Lockfile lock = Lockfile.read(project.resolve("skills.lock"));
    assertThat(lock.skills()).containsOnlyKeys(
        "@tank-examples/changelog@1.0.1", "@tank-examples/commit-message@1.2.0", "@tank-examples/release-notes@2.0.0");
    assertThat(Files.isSymbolicLink(project.resolve(".codex/skills/release-notes"))).isTrue();
    assertThat(Files.isExecutable(project.resolve(".agents/skills/commit-message/scripts/lint-commit.sh"))).isTrue();
  }
}
