package dev.tank.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tank.cli.Main;
import dev.tank.testing.DistributionRegistry;
import dev.tank.testing.SkillFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code tank} command end to end, through {@link Main#run}, against a real registry.
 *
 * <p>{@code Main.run} reads the process environment (CI servers set {@code CI=true}), so every
 * command here is one whose result does not depend on it: installs pass {@code --frozen}
 * explicitly, and every command passes {@code --registry}. The JVM's {@code user.home} is pointed
 * at a temporary folder while this class runs, so the default cache and Docker credentials of the
 * machine are not used (unless {@code TANK_CACHE}, {@code XDG_CACHE_HOME} or {@code DOCKER_CONFIG}
 * are set in the environment).
 */
class CliEndToEndTest {
  static DistributionRegistry registry;
  static RegistryHttp http;
  static String base;
  static String savedHome;
  @TempDir static Path home;

  @TempDir Path work;

  @BeforeAll
  static void start() {
    savedHome = System.getProperty("user.home");
    System.setProperty("user.home", home.toString());
    registry = DistributionRegistry.start();
    http = new RegistryHttp(registry.url());
    base = registry.url() + "/cli";
  }

  @AfterAll
  static void stop() {
    System.setProperty("user.home", savedHome);
    if (registry != null) {
      registry.close();
    }
  }

  record Run(int code, String out, String err) {
    JsonNode json() {
      return RegistryHttp.json(out);
    }
  }

  private static Run tank(Object... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] a = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      a[i] = args[i].toString();
    }
    int code = Main.run(a, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void helpOnEveryCommandExitsZero() {
    for (String sub : List.of("init", "publish", "install", "update", "remove", "list", "info")) {
      Run r = tank(sub, "--help");
      assertThat(r.code()).as(sub + " --help: " + r.err()).isZero();
      assertThat(r.out()).as(sub).contains("Usage:").contains(sub);
      assertThat(r.err()).as(sub).isEmpty();
    }
    assertThat(tank("--help").code()).isZero();
    assertThat(tank("--help").out()).contains("install").contains("publish").contains("Exit codes");
    assertThat(tank("help", "install").code()).isZero();
    assertThat(tank("--version").out()).startsWith("tank ");
  }

  @Test
  void wrongUseIsAUsageErrorWithExitCodeTwo() {
    for (Object[] args : List.of(new Object[] {"install", "--bogus"}, new Object[] {"--bogus"}, new Object[] {},
        new Object[] {"frobnicate"}, new Object[] {"info"})) {
      Run r = tank(args);
      assertThat(r.code()).as(List.of(args) + ": " + r.err()).isEqualTo(2);
      assertThat(r.err()).as(List.of(args).toString()).contains("TANK-E-USAGE");
    }
  }

  @Test
  void publishDryRunPushesNothing() {
    Path dir = SkillFixtures.skill(work, "dry", "1.0.0", Map.of());

    Run r = tank("publish", dir, "--registry", base, "--dry-run");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("would publish @acme/dry@1.0.0");
    Run j = tank("publish", dir, "--registry", base, "--dry-run", "--json");
    assertThat(j.code()).as(j.err()).isZero();
    assertThat(j.json().path("dryRun").asBoolean()).isTrue();
    assertThat(j.json().path("digest").asText()).startsWith("sha256:");

    assertThat(http.tags("cli/acme/dry")).isEmpty();
  }

  @Test
  void publishingAVersionTwiceFailsWithExists() {
    Path dir = SkillFixtures.skill(work, "twice", "1.0.0", Map.of());

    Run first = tank("publish", dir, "--registry", base);
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).contains("published @acme/twice@1.0.0");
    Run second = tank("publish", dir, "--registry", base);

    assertThat(second.code()).isEqualTo(1);
    assertThat(second.err()).contains("TANK-E-EXISTS").contains("@acme/twice@1.0.0").contains("fix:");
    // One version tag; the other tag is the referrers fallback index (the SBOM) of that version.
    assertThat(http.tags("cli/acme/twice")).filteredOn(t -> !t.startsWith("sha256-")).containsExactly("1.0.0");
    assertThat(http.tags("cli/acme/twice")).hasSize(2);
  }

  @Test
  void installListAndInfoSpeakJson() {
    Path dir = SkillFixtures.skill(work.resolve("skills"), "tool", "1.0.0", Map.of());
    Run pub = tank("publish", dir, "--registry", base, "--json");
    assertThat(pub.code()).as(pub.err()).isZero();
    String digest = pub.json().path("digest").asText();

    // The lock is made by the library with a controlled environment; the CLI installs it --frozen,
    // which behaves the same whether or not CI=true is set where the tests run.
    Path project = SkillFixtures.project(work.resolve("project"), Map.of("@acme/tool", "^1.0.0"));
    Hermetic.install(project, base, work.resolve("lib-home"));
    Path checkout = Hermetic.checkout(project, work.resolve("checkout"));

    Run install = tank("install", "-C", checkout, "--registry", base, "--frozen", "--json");
    assertThat(install.code()).as(install.err()).isZero();
    JsonNode installed = install.json().path("installed");
    assertThat(installed).hasSize(1);
    assertThat(installed.path(0).path("name").asText()).isEqualTo("@acme/tool");
    assertThat(installed.path(0).path("version").asText()).isEqualTo("1.0.0");
    assertThat(installed.path(0).path("digest").asText()).isEqualTo(digest);
    assertThat(install.json().path("lockWritten").asBoolean()).isFalse();
    assertThat(checkout.resolve(".agents/skills/tool/SKILL.md")).exists();

    Run list = tank("list", "-C", checkout, "--json");
    assertThat(list.code()).as(list.err()).isZero();
    assertThat(list.json()).hasSize(1);
    assertThat(list.json().path(0).path("name").asText()).isEqualTo("@acme/tool");
    assertThat(list.json().path(0).path("version").asText()).isEqualTo("1.0.0");
    assertThat(list.json().path(0).path("digest").asText()).isEqualTo(digest);
    assertThat(list.json().path(0).path("installed").asBoolean()).isTrue();

    Run info = tank("info", "@acme/tool", "--registry", base, "--json");
    assertThat(info.code()).as(info.err()).isZero();
    assertThat(info.json().path("name").asText()).isEqualTo("@acme/tool");
    assertThat(info.json().path("version").asText()).isEqualTo("1.0.0");
    assertThat(info.json().path("digest").asText()).isEqualTo(digest);
    assertThat(info.json().path("versions").toString()).isEqualTo("[\"1.0.0\"]");

    Run missing = tank("info", "@acme/nope", "--registry", base, "--json");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.json().path("error").path("code").asText()).isEqualTo("TANK-E-NOT-FOUND");
    assertThat(missing.err()).contains("TANK-E-NOT-FOUND");
  }

  @Test
  void frozenInstallWithAMismatchedLockFailsAndWritesNothing() {
    Path dir = SkillFixtures.skill(work.resolve("skills"), "locked", "1.0.0", Map.of());
    assertThat(tank("publish", dir, "--registry", base).code()).isZero();
    Path project = SkillFixtures.project(work.resolve("project"), Map.of("@acme/locked", "^1.0.0"));
    Hermetic.install(project, base, work.resolve("lib-home"));
    SkillFixtures.project(project, Map.of("@acme/locked", "^2.0.0"));
    Map<String, String> before = Hermetic.snapshot(project);

    Run r = tank("install", "-C", project, "--registry", base, "--frozen");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("TANK-E-LOCK-MISMATCH").contains("^2.0.0");
    assertThat(Hermetic.snapshot(project)).isEqualTo(before);
  }
}
