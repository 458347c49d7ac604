package dev.tank.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tank.Tank;
import dev.tank.install.Installer;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import dev.tank.sign.CosignKeys;
import dev.tank.testing.SkillFixtures;
import dev.tank.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry process dies (SIGKILL) at a random point of {@code tank install}: the project must
 * end either exactly as before or fully installed, never in between, and once the registry is back
 * (same port, same storage) the same install, with the cache the broken one left, succeeds and gives
 * exactly the reference result (DESIGN.md invariant 3).
 *
 * <p>The kill points are requests, not times: a {@link TamperingProxy} in front of the registry
 * counts requests and kills the registry at the K-th one, K drawn uniformly from every request a
 * full install makes (plus one past the end, where nothing is killed). Half the kills happen before
 * the request is forwarded; the other half after the registry answered, with only half of the
 * answer passed on before the connection drops.
 *
 * <p>The project is signed and links into an agent folder, so the kills land among tag lists,
 * manifests, configs, content layers, signature manifests and payloads. The seed is printed and is
 * part of every failure message; run again with {@code -Dtank.faults.seed=SEED} to repeat a run and
 * {@code -Dtank.faults.iterations=N} (default 50) for more or fewer kills.
 */
class RegistryKillDuringInstallTest {
  private static final Duration INSTALL_TIMEOUT = Duration.ofSeconds(60);
  private static final KeyPair ACME = CosignKeys.generate();
  /** How an install cut off by a dead registry may fail; anything else is a bug. */
  private static final Set<ErrorCode> DEAD_REGISTRY_CODES = Set.of(ErrorCode.UNREACHABLE, ErrorCode.INTEGRITY, ErrorCode.REGISTRY);

  static RestartableRegistry registry;
  static TamperingProxy proxy;
  static String viaProxy;
  @TempDir static Path shared;

  /** The project before the install under test: base installed and locked, top newly asked for. */
  static Path template;
  static Map<String, String> before;
  /** The same project after an undisturbed install. */
  static Map<String, String> full;
  /** Requests an undisturbed install with an empty cache sends. */
  static int requestsOfAFullInstall;

  @TempDir Path work;

  @BeforeAll
  static void publishAndMakeTheReference() throws IOException {
    registry = RestartableRegistry.start();
    proxy = TamperingProxy.start(registry.url());
    String direct = registry.url() + "/kill";
    viaProxy = proxy.url() + "/kill";
    try (Tank t = Hermetic.tank(shared.resolve("unused"), direct, shared.resolve("publisher"))) {
      Path src = shared.resolve("src");
      t.publish(SkillFixtures.skill(src.resolve("b1"), "base", "1.0.0", Map.of()), false, ACME.getPrivate());
      t.publish(SkillFixtures.skill(src.resolve("b2"), "base", "1.1.0", Map.of()), false, ACME.getPrivate());
      t.publish(SkillFixtures.skill(src.resolve("m1"), "mid", "1.0.0", Map.of("@acme/base", "^1.0.0")), false, ACME.getPrivate());
      t.publish(SkillFixtures.skill(src.resolve("t1"), "top", "1.0.0", Map.of("@acme/mid", "^1.0.0")), false, ACME.getPrivate());
    }

    template = Files.createDirectories(shared.resolve("template"));
    Files.writeString(template.resolve("acme.pub"), CosignKeys.publicKeyPem(ACME.getPublic()));
    writeProject(template, "\"@acme/base\": \"1.0.0\"");
    Hermetic.install(template, viaProxy, shared.resolve("template-home"));
    writeProject(template, "\"@acme/base\": \"1.0.0\", \"@acme/top\": \"^1.0.0\"");
    before = Hermetic.snapshot(template);
    assertThat(before).containsKeys(".agents/skills/base/SKILL.md", ".claude/skills/base", "skills.lock");

    Path reference = copyOfTemplate(shared.resolve("reference"));
    proxy.reset();
    Installer.Result r = Hermetic.install(reference, viaProxy, shared.resolve("reference-home"));
    requestsOfAFullInstall = proxy.requests().size();
    full = Hermetic.snapshot(reference);
    assertThat(r.installed()).extracting(Installer.InstalledSkill::name).contains("@acme/base", "@acme/mid", "@acme/top");
    assertThat(full).containsKeys(".agents/skills/top/SKILL.md", ".agents/skills/mid/SKILL.md", ".claude/skills/top")
        .isNotEqualTo(before);
    // Enough distinct points to kill at: tag lists, manifests, configs, layers and signatures.
    assertThat(requestsOfAFullInstall).isGreaterThan(10);
    assertThat(proxy.requests()).anyMatch(s -> s.contains("/tags/list")).anyMatch(s -> s.contains(".sig"))
        .anyMatch(s -> s.contains("/blobs/"));
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

  private static void writeProject(Path dir, String skills) throws IOException {
    Files.writeString(dir.resolve("skills.json"), "{\"skills\": {" + skills + "},"
        + " \"agents\": [\"claude\"],"
        + " \"audit\": {\"require_signing\": true},"
        + " \"trust\": {\"keys\": [{\"name\": \"acme\", \"public_key\": \"acme.pub\"}]}}\n");
  }

  private static Path copyOfTemplate(Path to) {
    TestFiles.copyTree(template, to);
    // copyTree copies files and folders only; the agent link must be a link, as Tank made it.
    try {
      Path link = to.resolve(".claude/skills/base");
      Files.deleteIfExists(link);
      Files.createSymbolicLink(link, Files.readSymbolicLink(template.resolve(".claude/skills/base")));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    assertThat(Hermetic.snapshot(to)).isEqualTo(before);
    return to;
  }

  enum KillMode {
    /** The registry dies as the request arrives; the request is never answered. */
    BEFORE_ANSWER,
    /** The registry answered, then died while the answer was on its way: half of it arrives. */
    MID_ANSWER
  }

  private static TamperingProxy.Tamper killAt(int k, KillMode mode, AtomicInteger count, AtomicBoolean killed) {
    return call -> {
      if (count.incrementAndGet() != k) {
        call.send(call.forward());
        return;
      }
      killed.set(true);
      if (mode == KillMode.BEFORE_ANSWER) {
        registry.kill();
        call.send(call.forward()); // fails: the proxy drops the connection, as a dead server does
        return;
      }
      TamperingProxy.Response r = call.forward();
      registry.kill();
      byte[] body = r.body();
      if ("HEAD".equals(call.request().method()) || body.length < 2) {
        call.sendRaw(r, 0, new byte[0], true);
      } else {
        call.sendRaw(r, body.length, Arrays.copyOf(body, body.length / 2), true);
      }
    };
  }

  @Test
  void killingTheRegistryAtAnyRequestLeavesTheProjectAsBeforeOrFullyInstalledAndARetrySucceeds() {
    long seed = Long.getLong("tank.faults.seed", new Random().nextLong());
    int iterations = Integer.getInteger("tank.faults.iterations", 50);
    System.out.println("RegistryKillDuringInstallTest: seed " + seed + " (repeat with -Dtank.faults.seed=" + seed + "), "
        + iterations + " iterations, " + requestsOfAFullInstall + " requests in a full install");
    Random random = new Random(seed);
    int failedInstalls = 0;
    for (int i = 0; i < iterations; i++) {
      // One past the last request: nothing is killed and the install must simply succeed.
      int k = 1 + random.nextInt(requestsOfAFullInstall + 1);
      KillMode mode = random.nextBoolean() ? KillMode.BEFORE_ANSWER : KillMode.MID_ANSWER;
      String what = "seed " + seed + ", iteration " + i + ", kill at request " + k + " of " + requestsOfAFullInstall + " (" + mode + ")";
      Path project = copyOfTemplate(work.resolve("p" + i));
      Path home = work.resolve("home" + i);
      AtomicInteger count = new AtomicInteger();
      AtomicBoolean killed = new AtomicBoolean();
      proxy.reset();
      proxy.on("*", ".*", killAt(k, mode, count, killed));

      TankException failure = assertTimeoutPreemptively(INSTALL_TIMEOUT, () -> {
        try (Tank t = Hermetic.tank(project, viaProxy, home)) {
          t.install(Installer.Options.install());
          return null;
        } catch (TankException e) {
          return e;
        }
      }, what);

      Map<String, String> after = Hermetic.snapshot(project);
      if (failure == null) {
        assertThat(after).as("%s: the install succeeded, so the project is fully installed", what).isEqualTo(full);
      } else {
        failedInstalls++;
        assertThat(killed).as("%s: the install failed without a kill: %s", what, failure.getMessage()).isTrue();
        assertThat(failure.code()).as("%s: %s", what, failure.getMessage()).isIn(DEAD_REGISTRY_CODES);
        assertThat(failure.hint()).as("%s: hint of %s", what, failure.getMessage()).isNotBlank();
        assertThat(after).as("%s: the install failed (%s), so the project is exactly as before", what, failure.getMessage())
            .isEqualTo(before);
      }

      proxy.clearRules();
      if (!registry.alive()) {
        registry.restart();
      }
      Installer.Result retry = assertTimeoutPreemptively(INSTALL_TIMEOUT, () -> Hermetic.install(project, viaProxy, home), what);
      assertThat(retry.installed()).as(what).extracting(Installer.InstalledSkill::name).contains("@acme/top", "@acme/mid");
      assertThat(Hermetic.snapshot(project)).as("%s: after the retry", what).isEqualTo(full);
    }
    System.out.println("RegistryKillDuringInstallTest: " + failedInstalls + " of " + iterations + " installs were cut off");
    if (iterations >= 20) {
      // Most draws land inside the install; a run where none did would test nothing.
      assertThat(failedInstalls).as("seed %d: installs cut off by a kill", seed).isGreaterThan(iterations / 2);
    }
  }
}
