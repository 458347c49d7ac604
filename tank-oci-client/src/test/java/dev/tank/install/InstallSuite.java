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

/**
 * Publish → resolve → lock → install, run against every transport (a real registry, an OCI
 * layout). Subclasses say where skills live.
 */
abstract class InstallSuite extends SuiteBase {
  void publishGraph() {
    publish("base", "1.0.0", Map.of());
    publish("base", "1.1.0", Map.of());
    publish("base", "2.0.0", Map.of());
    publish("mid", "1.0.0", Map.of("@acme/base", "^1.0.0"));
    publish("top", "1.0.0", Map.of("@acme/mid", "~1.0.0"));
  }

  /**
   * The head start follows each manifest's dependencies by itself, as soon as the manifest
   * arrives, so a deep graph is fetched at the registry's pace rather than the resolver's.
   */
  @Test
  void theHeadStartWalksTheDependencyGraphWithoutTheResolver() throws InterruptedException {
    publishGraph();
    String baseDigest;
    try (Tank t = tank()) {
      baseDigest = t.publish(SkillFixtures.skill(skills.resolve("base-1.2.0"), "base", "1.2.0", Map.of()), false).digest();
    }
    ContentCache cc = new ContentCache(cache);
    RegistryCatalog catalog = new RegistryCatalog(new Registries(Map.of(), registry, false, new Credentials(env, tmp)), cc);
    try {
      catalog.prefetch(Map.of("@acme/top", "^1.0.0"));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (cc.get(dev.tank.mediatypes.Digest.parse(baseDigest)).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      // top → mid (~1.0.0) → base (^1.0.0, highest: 1.2.0), two levels below what was asked for.
      assertThat(cc.get(dev.tank.mediatypes.Digest.parse(baseDigest))).as("base 1.2.0's manifest was fetched ahead").isPresent();
    } finally {
      catalog.settle();
    }
  }

  @Test
  void installResolvesTransitiveDependenciesAndWritesTheLock() throws IOException {
    publishGraph();
    SkillFixtures.project(project, Map.of("@acme/top", "^1.0.0"));
    Installer.Result r = install();
    assertThat(r.installed()).extracting(Installer.InstalledSkill::name).containsExactly("@acme/base", "@acme/mid", "@acme/top");
    Lockfile lock = Lockfile.read(project.resolve("skills.lock"));
    assertThat(lock.skills()).containsOnlyKeys("@acme/base@1.1.0", "@acme/mid@1.0.0", "@acme/top@1.0.0");
    assertThat(lock.skills().get("@acme/mid@1.0.0").dependencies()).containsEntry("@acme/base", "1.1.0");
    assertThat(lock.skills().get("@acme/top@1.0.0").integrity()).startsWith("sha512-");
    assertThat(Files.readString(project.resolve(".agents/skills/base/SKILL.md"))).contains("Version 1.1.0");
    assertThat(Files.isExecutable(project.resolve(".agents/skills/top/scripts/run.sh"))).isTrue();
    assertThat(Files.isSymbolicLink(project.resolve(".claude/skills/top"))).isTrue();
    assertThat(Files.readString(project.resolve(".claude/skills/top/SKILL.md"))).contains("name: top");
  }

  @Test
  void lockBytesAreDeterministicAcrossInstalls() throws IOException {
    publishGraph();
    SkillFixtures.project(project, Map.of("@acme/top", "^1.0.0"));
    install();
    byte[] first = Files.readAllBytes(project.resolve("skills.lock"));
    Files.delete(project.resolve("skills.lock"));
    install();
    assertThat(Files.readAllBytes(project.resolve("skills.lock"))).isEqualTo(first);
    assertThat(new String(first, java.nio.charset.StandardCharsets.UTF_8)).endsWith("}\n").doesNotContain("\r");
  }

  @Test
  void secondInstallFromTheLockNeedsNoRegistry() throws IOException {
    publishGraph();
    SkillFixtures.project(project, Map.of("@acme/top", "^1.0.0"));
    install();
    TestFiles.deleteTree(project.resolve(".agents"));
    try (Tank t = tank("http://127.0.0.1:1/unreachable")) {
      Installer.Result r = t.install(Installer.Options.install());
      assertThat(r.installed()).allMatch(Installer.InstalledSkill::fromCache);
    }
    assertThat(project.resolve(".agents/skills/base/SKILL.md")).exists();
  }

  @Test
  void corruptCacheEntryIsEvictedAndFetchedAgain() throws IOException {
    publishGraph();
    SkillFixtures.project(project, Map.of("@acme/base", "1.0.0"));
    install();
    Lockfile lock = Lockfile.read(project.resolve("skills.lock"));
    List<Path> blobs;
    try (Stream<Path> s = Files.list(cache.resolve("blobs/sha256"))) {
      blobs = s.toList();
    }
    for (Path b : blobs) {
      Files.write(b, new byte[] {1, 2, 3});
    }
    TestFiles.deleteTree(project.resolve(".agents"));
    install();
    assertThat(Lockfile.read(project.resolve("skills.lock"))).isEqualTo(lock);
    assertThat(Files.readString(project.resolve(".agents/skills/base/SKILL.md"))).contains("Version 1.0.0");
    assertThat(new ContentCache(cache).get(dev.tank.mediatypes.Digest.parse(lock.skills().get("@acme/base@1.0.0").digest()))).isPresent();
  }

  @Test
  void publishingAnExistingVersionIsRefused() {
    publish("base", "1.0.0", Map.of());
    assertCode(() -> publish("base", "1.0.0", Map.of()), ErrorCode.VERSION_EXISTS);
  }

  @Test
  void dryRunPushesNothing() {
    try (Tank t = tank()) {
      t.publish(SkillFixtures.skill(skills, "base", "1.0.0", Map.of()), true);
    }
    SkillFixtures.project(project, Map.of("@acme/base", "*"));
    assertCode(this::install, ErrorCode.NOT_FOUND);
  }

  @Test
  void frozenInstallWithoutALockFailsAndWritesNothing() {
    publishGraph();
    SkillFixtures.project(project, Map.of("@acme/top", "^1.0.0"));
    Map<String, String> before = TestFiles.snapshot(project);
    assertCode(() -> run(new Installer.Options(true, List.of(), List.of(), null)), ErrorCode.LOCK_MISMATCH);
    assertThat(TestFiles.snapshot(project)).isEqualTo(before);
  }

  @Test
  void ciInstallWithAStaleLockFailsAndLeavesTheLock() throws IOException {
    publishGraph();
    SkillFixtures.project(project, Map.of("@acme/top", "^1.0.0"));
    install();
    SkillFixtures.project(project, Map.of("@acme/top", "^1.0.0", "@acme/base", "^2.0.0"));
    Map<String, String> before = TestFiles.snapshot(project);
    env = Map.of("CI", "true");
    assertCode(this::install, ErrorCode.LOCK_MISMATCH);
    assertThat(TestFiles.snapshot(project)).isEqualTo(before);
  }

  @Test
  void frozenInstallInstallsExactlyTheLock() throws IOException {
    publishGraph();
    SkillFixtures.project(project, Map.of("@acme/base", "^1.0.0"));
    install();
    byte[] lock = Files.readAllBytes(project.resolve("skills.lock"));
    publish("base", "1.2.0", Map.of());
    TestFiles.deleteTree(project.resolve(".agents"));
    run(new Installer.Options(true, List.of(), List.of(), null));
    assertThat(Files.readAllBytes(project.resolve("skills.lock"))).isEqualTo(lock);
    assertThat(Files.readString(project.resolve(".agents/skills/base/SKILL.md"))).contains("Version 1.1.0");
  }

  @Test
  void conflictNamesBothDependencyPaths() {
    publish("base", "1.0.0", Map.of());
    publish("base", "2.0.0", Map.of());
    publish("left", "1.0.0", Map.of("@acme/base", "^1.0.0"));
    publish("right", "1.0.0", Map.of("@acme/base", "^2.0.0"));
    SkillFixtures.project(project, Map.of("@acme/left", "1.0.0", "@acme/right", "1.0.0"));
    assertThatThrownBy(this::install)
        .hasMessageContaining("TANK-E-CONFLICT")
        .hasMessageContaining("'^1.0.0' required by project > @acme/left@1.0.0")
        .hasMessageContaining("'^2.0.0' required by project > @acme/right@1.0.0");
    assertThat(project.resolve(".agents")).doesNotExist();
  }

  @Test
  void addWritesCaretRangeUpdateMovesWithinRangeAndRemoveCleansUp() throws IOException {
    publish("base", "1.0.0", Map.of());
    Files.createDirectories(project);
    run(new Installer.Options(false, List.of("@acme/base"), List.of(), null));
    assertThat(Files.readString(project.resolve("skills.json"))).contains("\"@acme/base\": \"^1.0.0\"");
    publish("base", "1.3.0", Map.of());
    install();
    assertThat(Lockfile.read(project.resolve("skills.lock")).skills()).containsOnlyKeys("@acme/base@1.0.0");
    run(new Installer.Options(false, List.of(), List.of(), java.util.Set.of()));
    assertThat(Lockfile.read(project.resolve("skills.lock")).skills()).containsOnlyKeys("@acme/base@1.3.0");
    Installer.Result r = run(new Installer.Options(false, List.of(), List.of("@acme/base"), null));
    assertThat(r.removed()).containsExactly("@acme/base@1.3.0");
    assertThat(project.resolve(".agents/skills/base")).doesNotExist();
    assertThat(project.resolve(".claude/skills/base")).doesNotExist();
    assertThat(Lockfile.read(project.resolve("skills.lock")).skills()).isEmpty();
  }

  @Test
  void aFailureAtAnyCommitStepLeavesTheProjectExactlyAsBefore() throws IOException {
    publishGraph();
    SkillFixtures.project(project, Map.of("@acme/base", "1.0.0"));
    install();
    SkillFixtures.project(project, Map.of("@acme/top", "^1.0.0"));
    Map<String, String> before = TestFiles.snapshot(project);
    for (String point : List.of("after-move-aside", "after-place", "after-links", "after-lock", "before-commit")) {
      try (Tank t = tank(); Registries regs = new Registries(Map.of(), registry, false, new Credentials(env, tmp))) {
        Installer installer = new Installer(project, new RegistryCatalog(regs, new ContentCache(cache)), TankListener.NONE, env, Duration.ofSeconds(5));
        installer.setFaultInjector(p -> {
          if (p.equals(point)) {
            throw new TankException(ErrorCode.IO, "injected failure at " + p, null, null);
          }
        });
        assertThatThrownBy(() -> installer.run(Installer.Options.install())).hasMessageContaining("injected failure at " + point);
      }
      assertThat(TestFiles.snapshot(project)).as("after a failure at " + point).isEqualTo(before);
    }
    install();
    assertThat(project.resolve(".agents/skills/top")).exists();
  }

  @Test
  void aJournalLeftByAKilledProcessIsRolledBack() throws IOException {
    publishGraph();
    SkillFixtures.project(project, Map.of("@acme/base", "1.0.0"));
    install();
    Map<String, String> before = TestFiles.snapshot(project);
    // Simulate a process killed mid-commit: it moved the installed skill aside and wrote the journal.
    Transaction tx = Transaction.begin(project);
    tx.moveAside(project.resolve(".agents/skills/base"));
    assertThat(project.resolve(".agents/skills/base")).doesNotExist();
    Transaction.recover(project);
    assertThat(TestFiles.snapshot(project)).isEqualTo(before);
  }

  @Test
  void aFolderTankDidNotInstallIsNeverOverwritten() throws IOException {
    publishGraph();
    SkillFixtures.project(project, Map.of("@acme/base", "1.0.0"));
    Files.createDirectories(project.resolve(".agents/skills/base"));
    Files.writeString(project.resolve(".agents/skills/base/mine.txt"), "user data");
    Map<String, String> before = TestFiles.snapshot(project);
    assertCode(this::install, ErrorCode.CONFLICT);
    assertThat(TestFiles.snapshot(project)).isEqualTo(before);
  }

  @Test
  void concurrentInstallsOnOneProjectAreSerializedAndBothSucceed() throws Exception {
    publishGraph();
    SkillFixtures.project(project, Map.of("@acme/top", "^1.0.0"));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Installer.Result>> results = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        results.add(pool.submit(this::install));
      }
      for (Future<Installer.Result> f : results) {
        assertThat(f.get().installed()).hasSize(3);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(project.resolve(".tank/txn")).doesNotExist();
    assertThat(Lockfile.read(project.resolve("skills.lock")).skills()).hasSize(3);
  }

  @Test
  void copyModeCopiesIntoAgentFoldersAndReplacesCopiesOnUpdate() throws IOException {
    publish("base", "1.0.0", Map.of());
    SkillFixtures.project(project, Map.of("@acme/base", "^1.0.0"));
    env = Map.of("TANK_LINK_MODE", "copy");
    install();
    Path copy = project.resolve(".claude/skills/base");
    assertThat(Files.isSymbolicLink(copy)).isFalse();
    assertThat(Files.readString(copy.resolve("SKILL.md"))).contains("Version 1.0.0");
    assertThat(Files.isExecutable(copy.resolve("scripts/run.sh"))).isTrue();
    publish("base", "1.1.0", Map.of());
    run(new Installer.Options(false, List.of(), List.of(), java.util.Set.of()));
    assertThat(Files.readString(copy.resolve("SKILL.md"))).contains("Version 1.1.0");
  }

  @Test
  void scopesMapToTheirOwnRegistries() throws IOException {
    String other = newRegistry("otherscope");
    Path src = SkillFixtures.skill(skills, "vendor", "other", "1.0.0", Map.of());
    try (Tank t = tank(other)) {
      t.publish(src, false);
    }
    publish("base", "1.0.0", Map.of());
    Files.writeString(project.resolve("skills.json"), "{\"skills\": {\"@acme/base\": \"^1.0.0\", \"@vendor/other\": \"^1.0.0\"},"
        + " \"registries\": {\"@vendor\": \"" + other + "\"}}\n");
    Installer.Result r = install();
    assertThat(r.installed()).extracting(Installer.InstalledSkill::name).containsExactly("@acme/base", "@vendor/other");
    assertThat(Lockfile.read(project.resolve("skills.lock")).skills().get("@vendor/other@1.0.0").resolved())
        .contains("vendor/other@sha256:");
  }

  @Test
  void unknownSkillIsNotFoundWithTheRegistryNamed() {
    SkillFixtures.project(project, Map.of("@acme/nope", "^1.0.0"));
    assertThatThrownBy(this::install).hasMessageContaining("TANK-E-NOT-FOUND").hasMessageContaining("@acme/nope");
  }

  @Test
  void infoShowsVersionsAndTheHighestRelease() {
    publishGraph();
    try (Tank t = tank()) {
      Tank.SkillInfo i = t.info("@acme/base");
      assertThat(i.version()).isEqualTo("2.0.0");
      assertThat(i.versions()).containsExactly("1.0.0", "1.1.0", "2.0.0");
      assertThat(t.info("@acme/base@^1.0.0").version()).isEqualTo("1.1.0");
    }
  }
}
