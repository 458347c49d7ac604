package dev.tank.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tank.Tank;
import dev.tank.cache.ContentCache;
import dev.tank.events.TankListener;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.Lockfile;
import dev.tank.mediatypes.TankException;
import dev.tank.oci.Credentials;
import dev.tank.oci.Registries;
import dev.tank.testing.SkillFixtures;
import dev.tank.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A project, a cache and a fresh registry per test, with helpers to publish and install. */
abstract class SuiteBase {
  @TempDir Path tmp;
  Path project;
  Path cache;
  Path skills;
  Map<String, String> env = Map.of();

  /** A fresh, empty registry reference for one test. */
  abstract String newRegistry(String testName);

  String registry;

  @BeforeEach
  void setUp(org.junit.jupiter.api.TestInfo info) throws IOException {
    registry = newRegistry(info.getTestMethod().orElseThrow().getName().toLowerCase().replaceAll("[^a-z0-9]", ""));
    project = Files.createDirectories(tmp.resolve("project"));
    cache = tmp.resolve("cache");
    skills = Files.createDirectories(tmp.resolve("skills"));
  }

  Tank tank() {
    return tank(registry);
  }

  Tank tank(String reg) {
    return Tank.builder().projectDir(project).registry(reg).cacheDir(cache).env(env).home(tmp).lockWait(Duration.ofSeconds(20)).build();
  }

  void publish(String name, String version, Map<String, String> deps) {
    Path parent = skills.resolve(name + "-" + version);
    try (Tank t = tank()) {
      t.publish(SkillFixtures.skill(parent, name, version, deps), false);
    }
  }

  Installer.Result install() {
    try (Tank t = tank()) {
      return t.install(Installer.Options.install());
    }
  }

  Installer.Result run(Installer.Options o) {
    try (Tank t = tank()) {
      return t.install(o);
    }
  }

  static void assertCode(ThrowableAssert.ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call).isInstanceOf(TankException.class)
        .satisfies(e -> assertThat(((TankException) e).code()).as(e.getMessage()).isEqualTo(code));
  }
}
