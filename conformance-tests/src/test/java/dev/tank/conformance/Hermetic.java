package dev.tank.conformance;

import dev.tank.Tank;
import dev.tank.install.Installer;
import dev.tank.mediatypes.TankException;
import dev.tank.publish.Publisher;
import dev.tank.testing.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tank instances for tests that see nothing of the machine they run on: their own home, cache and
 * environment (so {@code CI=true} or {@code TANK_REGISTRY} on a build server change nothing).
 */
final class Hermetic {
  /** The environment tests run Tank with unless they test the environment itself. */
  static final Map<String, String> ENV = Map.of("TANK_TEST", "1");

  private Hermetic() {}

  /** A Tank for {@code project} on {@code registry}, with {@code home} (and its cache) under {@code home}. */
  static Tank tank(Path project, String registry, Path home, Map<String, String> env) {
    return Tank.builder()
        .projectDir(project)
        .registry(registry)
        .home(home)
        .cacheDir(home.resolve("cache"))
        .env(env)
        .lockWait(Duration.ofSeconds(20))
        .build();
  }

  static Tank tank(Path project, String registry, Path home) {
    return tank(project, registry, home, ENV);
  }

  /** Publishes {@code skillDir} to {@code registry}. */
  static Publisher.Result publish(Path skillDir, String registry, Path home) {
    try (Tank t = tank(skillDir, registry, home)) {
      return t.publish(skillDir, false);
    }
  }

  static Installer.Result install(Path project, String registry, Path home) {
    try (Tank t = tank(project, registry, home)) {
      return t.install(Installer.Options.install());
    }
  }

  /** Runs an install that must fail and returns the error. */
  static TankException installFails(Path project, String registry, Path home, Map<String, String> env, boolean frozen) {
    try (Tank t = tank(project, registry, home, env)) {
      Installer.Result r = t.install(new Installer.Options(frozen, List.of(), List.of(), null));
      throw new AssertionError("install was expected to fail but installed " + r.installed());
    } catch (TankException e) {
      return e;
    }
  }

  /** A snapshot of the project tree (see {@link TestFiles#snapshot}). */
  static Map<String, String> snapshot(Path project) {
    return new TreeMap<>(TestFiles.snapshot(project));
  }

  static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path p, String text) {
    try {
      Files.createDirectories(p.getParent());
      Files.writeString(p, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies only skills.json and skills.lock: what a fresh checkout of the project has. */
  static Path checkout(Path from, Path to) {
    try {
      Files.createDirectories(to);
      for (String f : List.of("skills.json", "skills.lock")) {
        if (Files.exists(from.resolve(f))) {
          Files.copy(from.resolve(f), to.resolve(f));
        }
      }
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
