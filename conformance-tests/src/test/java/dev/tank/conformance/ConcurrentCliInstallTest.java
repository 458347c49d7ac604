package dev.tank.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tank.Tank;
import dev.tank.cli.Main;
import dev.tank.install.Installer;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import dev.tank.testing.DistributionRegistry;
import dev.tank.testing.SkillFixtures;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several {@code tank install} processes on one project: real OS processes running the CLI ({@code
 * java -cp <client jar + lib/*> dev.tank.cli.Main}), so the project lock under test is the OS file
 * lock between processes, not a lock between threads of one JVM (DESIGN.md invariant 3).
 *
 * <p>To make the processes overlap without sleeping, a {@link TamperingProxy} holds the first
 * process's registry requests (it then holds the project lock) until the second process has opened
 * {@code .tank/lock}, which the test sees in {@code /proc/PID/fd}.
 */
class ConcurrentCliInstallTest {
  private static final long PROCESS_TIMEOUT_SECONDS = 120;

  static DistributionRegistry registry;
  static TamperingProxy proxy;
  static String viaProxy;
  static String classpath;
  @TempDir static Path shared;
  /** A project after an undisturbed install (by the library). */
  static Map<String, String> reference;

  @TempDir Path work;
  final List<Process> started = new ArrayList<>();

  @BeforeAll
  static void publish() {
    registry = DistributionRegistry.start();
    proxy = TamperingProxy.start(registry.url());
    String direct = registry.url() + "/conc";
    viaProxy = proxy.url() + "/conc";
    Path home = shared.resolve("publisher");
    Hermetic.publish(SkillFixtures.skill(shared.resolve("b"), "base", "1.0.0", Map.of()), direct, home);
    Hermetic.publish(SkillFixtures.skill(shared.resolve("m"), "mid", "1.0.0", Map.of("@acme/base", "^1.0.0")), direct, home);
    Hermetic.publish(SkillFixtures.skill(shared.resolve("t"), "top", "1.0.0", Map.of("@acme/mid", "^1.0.0")), direct, home);
    Path ref = project(shared.resolve("reference"));
    Hermetic.install(ref, viaProxy, shared.resolve("reference-home"));
    reference = Hermetic.snapshot(ref);
    assertThat(reference).containsKeys(".agents/skills/top/SKILL.md", ".agents/skills/mid/SKILL.md",
        ".agents/skills/base/SKILL.md", ".claude/skills/top", "skills.lock");
    classpath = cliClasspath();
  }

  @AfterAll
  static void stop() {
    if (proxy != null) {
      proxy.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  @BeforeEach
  void forgetEarlierRequests() {
    proxy.reset();
  }

  @AfterEach
  void cleanUp() {
    proxy.reset();
    for (Process p : started) {
      p.destroyForcibly();
    }
  }

  static Path project(Path dir) {
    Hermetic.write(dir.resolve("skills.json"), "{\"skills\": {\"@acme/top\": \"^1.0.0\"}, \"agents\": [\"claude\"]}\n");
    return dir;
  }

  /**
   * The packaged CLI as {@code bin/tank} runs it (the client jar with {@code lib/} beside it) when the
   * build has packaged it, else the test's own class path (which holds the same classes).
   */
  static String cliClasspath() {
    try {
      Path code = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path lib = code.getParent().resolve("lib");
      if (code.toString().endsWith(".jar") && Files.isDirectory(lib)) {
        return code + File.pathSeparator + lib + File.separator + "*";
      }
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return System.getProperty("java.class.path");
  }

  /** A running {@code tank install --json} on {@code project}; its own home and the shared cache. */
  private Process tankInstall(Path project, String name) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path home = Files.createDirectories(work.resolve("home-" + name));
    List<String> cmd = List.of(java.toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Duser.home=" + home, "-cp", classpath, Main.class.getName(),
        "install", "-C", project.toString(), "--registry", viaProxy, "--json");
    ProcessBuilder pb = new ProcessBuilder(cmd)
        .redirectOutput(work.resolve(name + ".out").toFile())
        .redirectError(work.resolve(name + ".err").toFile());
    // Nothing of the machine's environment (CI=true, TANK_REGISTRY, DOCKER_CONFIG) reaches the CLI.
    Map<String, String> env = pb.environment();
    env.clear();
    env.put("PATH", "/usr/bin:/bin");
    env.put("HOME", home.toString());
    env.put("TANK_CACHE", work.resolve("shared-cache").toString());
    Process p = pb.start();
    started.add(p);
    return p;
  }

  record Exit(int code, String out, String err) {
    JsonNode json() {
      return RegistryHttp.json(out);
    }
  }

  private Exit await(Process p, String name) throws Exception {
    assertThat(p.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as(name + " finished").isTrue();
    return new Exit(p.exitValue(), Files.readString(work.resolve(name + ".out")), Files.readString(work.resolve(name + ".err")));
  }

  /** Holds every request until {@code gate} opens (bounded, so a broken test cannot hang the proxy). */
  private static TamperingProxy.Tamper heldUntil(CountDownLatch gate, AtomicInteger held) {
    return call -> {
      if (gate.getCount() > 0) {
        held.incrementAndGet();
        try {
          gate.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      call.send(call.forward());
    };
  }

  /** Waits until a request is held: the process holding it has the project lock by then. */
  private static void awaitHeld(AtomicInteger held, Process p) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROCESS_TIMEOUT_SECONDS);
    while (held.get() == 0 && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(held.get()).as("the first process reached the registry").isPositive();
  }

  /** Waits until process {@code p} has the project's lock file open, i.e. is trying to take the lock. */
  private static void awaitOpened(Process p, Path lockFile) throws Exception {
    Path fds = Path.of("/proc", Long.toString(p.pid()), "fd");
    Path wanted = lockFile.toRealPath();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROCESS_TIMEOUT_SECONDS);
    while (p.isAlive() && System.nanoTime() < deadline) {
      try (Stream<Path> s = Files.list(fds)) {
        if (s.anyMatch(fd -> {
          try {
            return Files.readSymbolicLink(fd).equals(wanted);
          } catch (IOException gone) {
            return false;
          }
        })) {
          return;
        }
      } catch (IOException processGone) {
        break;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("process " + p.pid() + " never opened " + lockFile + " (alive: " + p.isAlive() + ")");
  }

  private static void assertInstalledEverything(Exit e, String name) {
    assertThat(e.code()).as(name + ": " + e.err()).isZero();
    assertThat(e.json().path("installed")).as(name).hasSize(3);
  }

  @Test
  void aSecondInstallWaitsForTheFirstProcessesLockThenBothSucceed() throws Exception {
    Path project = project(work.resolve("project"));
    CountDownLatch gate = new CountDownLatch(1);
    AtomicInteger held = new AtomicInteger();
    proxy.on("*", ".*", heldUntil(gate, held));

    Process first = tankInstall(project, "first");
    awaitHeld(held, first);
    Process second = tankInstall(project, "second");
    awaitOpened(second, project.resolve(".tank/lock"));
    // The second process is at the lock while the first is inside its install: it has sent nothing.
    assertThat(proxy.requests()).as("requests while the first process holds the lock").hasSize(held.get());
    int beforeRelease = proxy.requests().size();
    gate.countDown();

    Exit a = await(first, "first");
    Exit b = await(second, "second");
    assertInstalledEverything(a, "first");
    assertInstalledEverything(b, "second");
    // Serialized: the second ran after the first committed, so it found the lock and kept it.
    assertThat(a.json().path("lockWritten").asBoolean()).isTrue();
    assertThat(b.json().path("lockWritten").asBoolean()).isFalse();
    assertThat(proxy.requests().size()).isGreaterThan(beforeRelease);
    assertThat(Hermetic.snapshot(project)).isEqualTo(reference);
  }

  @Test
  void twoInstallsStartedTogetherBothSucceedAndTheProjectIsOneFullInstall() throws Exception {
    for (int round = 0; round < 2; round++) {
      Path project = project(work.resolve("project" + round));
      Process a = tankInstall(project, "a" + round);
      Process b = tankInstall(project, "b" + round);
      Exit ea = await(a, "a" + round);
      Exit eb = await(b, "b" + round);
      assertInstalledEverything(ea, "a" + round);
      assertInstalledEverything(eb, "b" + round);
      // Exactly one of them resolved and wrote the lock; the other installed it.
      assertThat(List.of(ea.json().path("lockWritten").asBoolean(), eb.json().path("lockWritten").asBoolean()))
          .containsExactlyInAnyOrder(true, false);
      assertThat(Hermetic.snapshot(project)).as("round " + round).isEqualTo(reference);
    }
  }

  @Test
  void anInstallThatCannotGetTheLockInTimeFailsWithBusyAndChangesNothing() throws Exception {
    Path project = project(work.resolve("project"));
    CountDownLatch gate = new CountDownLatch(1);
    AtomicInteger held = new AtomicInteger();
    proxy.on("*", ".*", heldUntil(gate, held));
    Process first = tankInstall(project, "first");
    awaitHeld(held, first);
    Map<String, String> before = Hermetic.snapshot(project);

    TankException busy = assertThrows(TankException.class, () -> {
      try (Tank t = Tank.builder().projectDir(project).registry(viaProxy).home(work.resolve("lib-home"))
          .cacheDir(work.resolve("lib-home/cache")).env(Hermetic.ENV).lockWait(Duration.ofMillis(500)).build()) {
        t.install(Installer.Options.install());
      }
    });

    assertThat(busy.code()).isEqualTo(ErrorCode.PROJECT_BUSY);
    assertThat(busy.getMessage()).contains("TANK-E-BUSY").contains("another Tank process").contains(".tank/lock");
    assertThat(busy.hint()).isNotBlank();
    assertThat(proxy.requests()).as("the refused install sent nothing").hasSize(held.get());
    assertThat(Hermetic.snapshot(project)).isEqualTo(before);
    gate.countDown();
    assertInstalledEverything(await(first, "first"), "first");
    assertThat(Hermetic.snapshot(project)).isEqualTo(reference);
  }

  @Test
  void aKilledProcessLeavesNoLockBehindAndTheNextInstallSucceeds() throws Exception {
    Path project = project(work.resolve("project"));
    CountDownLatch gate = new CountDownLatch(1);
    AtomicInteger held = new AtomicInteger();
    proxy.on("*", ".*", heldUntil(gate, held));
    Process first = tankInstall(project, "first");
    awaitHeld(held, first);
    Map<String, String> before = Hermetic.snapshot(project);

    first.destroyForcibly();
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    gate.countDown();
    assertThat(Hermetic.snapshot(project)).as("killed while resolving: nothing changed").isEqualTo(before);

    // A lock wait of zero: the dead process's lock must already be gone, not merely time out.
    try (Tank t = Tank.builder().projectDir(project).registry(viaProxy).home(work.resolve("lib-home"))
        .cacheDir(work.resolve("lib-home/cache")).env(Hermetic.ENV).lockWait(Duration.ZERO).build()) {
      assertThat(t.install(Installer.Options.install()).installed()).hasSize(3);
    }
    assertThat(Hermetic.snapshot(project)).isEqualTo(reference);
    assertThat(new String(Files.readAllBytes(project.resolve("skills.lock")), StandardCharsets.UTF_8)).contains("@acme/top@1.0.0");
  }
}
