package dev.tank.conformance;

import static dev.tank.conformance.TamperingProxy.append;
import static dev.tank.conformance.TamperingProxy.digestHeader;
import static dev.tank.conformance.TamperingProxy.endless;
import static dev.tank.conformance.TamperingProxy.flipMiddleByte;
import static dev.tank.conformance.TamperingProxy.replacePath;
import static dev.tank.conformance.TamperingProxy.rewrite;
import static dev.tank.conformance.TamperingProxy.serveFrom;
import static dev.tank.conformance.TamperingProxy.truncateChunked;
import static dev.tank.conformance.TamperingProxy.truncateKeepingLength;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tank.cache.ContentCache;
import dev.tank.install.Installer;
import dev.tank.install.RegistryCatalog;
import dev.tank.install.SkillArtifact;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.Lockfile;
import dev.tank.mediatypes.SkillName;
import dev.tank.mediatypes.TankException;
import dev.tank.oci.Credentials;
import dev.tank.oci.Registries;
import dev.tank.resolve.Version;
import dev.tank.testing.DistributionRegistry;
import dev.tank.testing.SkillFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A registry (or a proxy in front of it) that lies must not get anything installed: every byte is
 * hashed against the digest Tank asked for, sizes are bounded by descriptors, configs must name
 * the skill that was asked for, and a failed install leaves the project exactly as it was
 * (DESIGN.md invariants 2, 3 and 7).
 *
 * <p>Skills are published straight to a real distribution registry; installs go through a {@link
 * TamperingProxy} in front of it.
 */
class LyingRegistryTest {
  private static final Duration FAST = Duration.ofSeconds(30);
  private static final String FAKE_DIGEST = "sha256:" + "0".repeat(64);

  static DistributionRegistry registry;
  static TamperingProxy proxy;
  static RegistryHttp http;
  static String direct;
  static String viaProxy;
  @TempDir static Path skills;

  /** What the registry really holds for {@code @acme/victim} and friends. */
  static String victim1Digest;
  static String victim1Config;
  static String victim1Layer;
  static String victim2Digest;
  static String stale1Digest;
  static TamperingProxy.Response staleTags;
  /** The base64 config that {@code @acme/evil}'s manifest carries inside. */
  static String evilConfigData;

  @TempDir Path work;

  @BeforeAll
  static void startRegistry() {
    registry = DistributionRegistry.start();
    proxy = TamperingProxy.start(registry.url());
    http = new RegistryHttp(registry.url());
    direct = registry.url() + "/test";
    viaProxy = proxy.url() + "/test";
    Path home = skills.resolve("publisher-home");
    victim1Digest = Hermetic.publish(SkillFixtures.skill(skills.resolve("v1"), "victim", "1.0.0", Map.of()), direct, home).digest();
    victim2Digest = Hermetic.publish(SkillFixtures.skill(skills.resolve("v2"), "victim", "2.0.0", Map.of()), direct, home).digest();
    Hermetic.publish(SkillFixtures.skill(skills.resolve("e1"), "evil", "1.0.0", Map.of()), direct, home);
    Hermetic.publish(SkillFixtures.skill(skills.resolve("b1"), "base", "1.0.0", Map.of()), direct, home);
    stale1Digest = Hermetic.publish(SkillFixtures.skill(skills.resolve("s1"), "stale", "1.0.0", Map.of()), direct, home).digest();
    staleTags = proxy.capture("/v2/test/acme/stale/tags/list", null);
    Hermetic.publish(SkillFixtures.skill(skills.resolve("s2"), "stale", "1.1.0", Map.of()), direct, home);

    JsonNode m = RegistryHttp.json(http.manifest("test/acme/victim", "1.0.0"));
    victim1Config = m.path("config").path("digest").asText();
    victim1Layer = m.path("layers").path(0).path("digest").asText();
    // Put evil's blobs into victim's repository too, so that swapping only the manifest works:
    // the lie then has to be caught by what the config says, not by a missing blob.
    JsonNode evil = RegistryHttp.json(http.manifest("test/acme/evil", "1.0.0"));
    assertThat(m.path("config").path("data").isTextual()).as("Tank embeds small configs in the manifest").isTrue();
    evilConfigData = evil.path("config").path("data").asText();
    http.mountBlob("test/acme/victim", "test/acme/evil", evil.path("config").path("digest").asText());
    http.mountBlob("test/acme/victim", "test/acme/evil", evil.path("layers").path(0).path("digest").asText());
  }

  @AfterAll
  static void stopRegistry() {
    if (proxy != null) {
      proxy.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  @AfterEach
  void honestAgain() {
    proxy.clearRules();
  }

  /** Rewrites a manifest's config descriptor to carry {@code data} (base64), or none when null. */
  static java.util.function.UnaryOperator<TamperingProxy.Response> withConfigData(String data) {
    return r -> {
      com.fasterxml.jackson.databind.node.ObjectNode manifest = (com.fasterxml.jackson.databind.node.ObjectNode) RegistryHttp.json(r.body());
      com.fasterxml.jackson.databind.node.ObjectNode config = (com.fasterxml.jackson.databind.node.ObjectNode) manifest.get("config");
      if (data == null) {
        config.remove("data");
      } else {
        config.put("data", data);
      }
      return r.withBody(manifest.toString().getBytes(StandardCharsets.UTF_8));
    };
  }

  private static String blobPath(String digest) {
    return "/v2/test/acme/victim/blobs/" + Pattern.quote(digest);
  }

  /** One way of lying, the skills the project asks for, and how Tank must fail. */
  enum Lie {
    FLIPPED_CONTENT_BYTE(Set.of(ErrorCode.INTEGRITY)) {
      @Override
      TamperingProxy.Rule install(TamperingProxy p) {
        return p.on("GET", blobPath(victim1Layer), rewrite(flipMiddleByte()));
      }

      @Override
      List<String> mentions() {
        return List.of(victim1Layer, "does not match its digest");
      }
    },
    /**
     * The config blob is corrupt, and the manifest (as an older Tank or another tool writes it)
     * does not carry the config inside, so the client has to fetch the blob.
     */
    FLIPPED_CONFIG_BYTE(Set.of(ErrorCode.INTEGRITY)) {
      @Override
      TamperingProxy.Rule install(TamperingProxy p) {
        p.on("GET", "/v2/test/acme/victim/manifests/1.0.0", rewrite(withConfigData(null)));
        return p.on("GET", blobPath(victim1Config), rewrite(flipMiddleByte()));
      }

      @Override
      List<String> mentions() {
        return List.of(victim1Config);
      }
    },
    /**
     * The config embedded in the manifest is another skill's (wider permissions, other
     * dependencies) while the descriptor still names the real config's digest and size.
     */
    EMBEDDED_CONFIG_SWAPPED(Set.of(ErrorCode.INTEGRITY)) {
      @Override
      TamperingProxy.Rule install(TamperingProxy p) {
        return p.on("GET", "/v2/test/acme/victim/manifests/1.0.0", rewrite(withConfigData(evilConfigData)));
      }

      @Override
      List<String> mentions() {
        return List.of(victim1Config, "does not match its digest and size");
      }
    },
    /** The server's Docker-Content-Digest names the right digest, the bytes are wrong. */
    RIGHT_DIGEST_HEADER_WRONG_BYTES(Set.of(ErrorCode.INTEGRITY)) {
      @Override
      TamperingProxy.Rule install(TamperingProxy p) {
        return p.on("GET", blobPath(victim1Layer), rewrite(r -> digestHeader(victim1Layer).apply(flipMiddleByte().apply(r))));
      }

      @Override
      List<String> mentions() {
        return List.of(victim1Layer);
      }
    },
    /** Content-Length says the full size, the connection drops half way. */
    TRUNCATED_KEEPING_CONTENT_LENGTH(Set.of(ErrorCode.INTEGRITY, ErrorCode.UNREACHABLE)) {
      @Override
      TamperingProxy.Rule install(TamperingProxy p) {
        return p.on("GET", blobPath(victim1Layer), truncateKeepingLength(100));
      }

      @Override
      List<String> mentions() {
        return List.of(victim1Layer);
      }

      @Override
      void check(TankException e) {
        // Either Tank saw the short body (INTEGRITY, "truncated") or it noticed the connection
        // closing before the declared Content-Length (UNREACHABLE); both say so.
        assertThat(e.getMessage()).containsAnyOf("truncated", "closed the connection after 100 of");
      }
    },
    /** A well-formed chunked body that is simply shorter than the descriptor says. */
    TRUNCATED_CHUNKED(Set.of(ErrorCode.INTEGRITY)) {
      @Override
      TamperingProxy.Rule install(TamperingProxy p) {
        return p.on("GET", blobPath(victim1Layer), truncateChunked(100));
      }

      @Override
      List<String> mentions() {
        return List.of(victim1Layer, "truncated");
      }
    },
    OVERSIZE_CONTENT(Set.of(ErrorCode.TOO_LARGE)) {
      @Override
      TamperingProxy.Rule install(TamperingProxy p) {
        return p.on("GET", blobPath(victim1Layer), rewrite(append(1 << 20)));
      }

      @Override
      List<String> mentions() {
        return List.of(victim1Layer);
      }
    },
    ENDLESS_CONTENT(Set.of(ErrorCode.TOO_LARGE)) {
      @Override
      TamperingProxy.Rule install(TamperingProxy p) {
        return p.on("GET", blobPath(victim1Layer), endless());
      }

      @Override
      List<String> mentions() {
        return List.of(victim1Layer);
      }
    },
    ENDLESS_MANIFEST(Set.of(ErrorCode.TOO_LARGE)) {
      @Override
      TamperingProxy.Rule install(TamperingProxy p) {
        return p.on("GET", "/v2/test/acme/victim/manifests/1.0.0", endless());
      }

      @Override
      List<String> mentions() {
        return List.of("test/acme/victim/manifests/1.0.0");
      }
    },
    /** Only the manifest under the tag is another skill's (its blobs exist in the repository). */
    ANOTHER_SKILLS_MANIFEST_UNDER_TAG(Set.of(ErrorCode.INTEGRITY)) {
      @Override
      TamperingProxy.Rule install(TamperingProxy p) {
        return p.on("GET", "/v2/test/acme/victim/manifests/1.0.0", serveFrom("/v2/test/acme/evil/manifests/1.0.0"));
      }

      @Override
      List<String> mentions() {
        return List.of("@acme/evil@1.0.0", "@acme/victim@1.0.0");
      }
    },
    /** The whole repository answers with another skill's repository. */
    ANOTHER_SKILLS_REPOSITORY(Set.of(ErrorCode.INTEGRITY)) {
      @Override
      TamperingProxy.Rule install(TamperingProxy p) {
        return p.on("GET", "/v2/test/acme/victim/.*", replacePath("/test/acme/victim/", "/test/acme/evil/"));
      }

      @Override
      List<String> mentions() {
        return List.of("@acme/evil@1.0.0");
      }
    },
    /** A rollback: tag 2.0.0 answers with 1.0.0's manifest. */
    OLDER_VERSION_UNDER_NEWER_TAG(Set.of(ErrorCode.INTEGRITY)) {
      @Override
      TamperingProxy.Rule install(TamperingProxy p) {
        return p.on("GET", "/v2/test/acme/victim/manifests/2.0.0", serveFrom("/v2/test/acme/victim/manifests/1.0.0"));
      }

      @Override
      String range() {
        return "^2.0.0";
      }

      @Override
      List<String> mentions() {
        return List.of("@acme/victim@1.0.0", "2.0.0");
      }
    },
    /** The tag list names a version the registry does not hold. */
    FABRICATED_TAG_LIST(Set.of(ErrorCode.NOT_FOUND)) {
      @Override
      TamperingProxy.Rule install(TamperingProxy p) {
        return p.on("GET", "/v2/test/acme/victim/tags/list", TamperingProxy.fixed(TamperingProxy.Response.of(200, "application/json",
            "{\"name\":\"test/acme/victim\",\"tags\":[\"1.0.0\",\"2.0.0\",\"9.9.9\"]}".getBytes(StandardCharsets.UTF_8))));
      }

      @Override
      String range() {
        return "^9.0.0";
      }

      @Override
      List<String> mentions() {
        return List.of("@acme/victim@9.9.9");
      }
    };

    final Set<ErrorCode> codes;

    Lie(Set<ErrorCode> codes) {
      this.codes = codes;
    }

    /** Installs the lie on the proxy; returns its rule. */
    abstract TamperingProxy.Rule install(TamperingProxy p);

    /** Texts the error must contain, so a user can tell what and where. */
    abstract List<String> mentions();

    String range() {
      return "^1.0.0";
    }

    /** Further checks of the error. */
    void check(TankException e) {}
  }

  private void checkError(Lie lie, TankException e) {
    assertThat(e.code()).as("error code of %s: %s", lie, e.getMessage()).isIn(lie.codes);
    for (String m : lie.mentions()) {
      assertThat(e.getMessage()).as("message of %s", lie).contains(m);
    }
    assertThat(e.hint()).as("hint of %s", lie).isNotBlank();
    lie.check(e);
  }

  /** A fresh project that asks for the victim. */
  @ParameterizedTest
  @EnumSource(Lie.class)
  void lieIsCaughtAndFreshProjectIsLeftAlone(Lie lie) {
    Path project = SkillFixtures.project(work.resolve("project"), Map.of("@acme/victim", lie.range()));
    Path home = work.resolve("home");
    Map<String, String> before = Hermetic.snapshot(project);
    TamperingProxy.Rule rule = lie.install(proxy);

    TankException e = assertTimeoutPreemptively(FAST, () -> Hermetic.installFails(project, viaProxy, home, Hermetic.ENV, false));

    assertThat(rule.hits()).as("the lie was told (its rule matched a request)").isPositive();
    checkError(lie, e);
    assertThat(project.resolve(".agents")).doesNotExist();
    assertThat(project.resolve("skills.lock")).doesNotExist();
    Map<String, String> after = Hermetic.snapshot(project);
    // The one thing a failed install may leave in a project it never ran in: Tank's own (empty)
    // project-lock file, .tank/lock, which serializes Tank processes (ProjectLock keeps it on purpose).
    if (after.containsKey(".tank/lock")) {
      assertThat(project.resolve(".tank/lock")).isEmptyFile();
      after.remove(".tank/lock");
      after.remove(".tank");
    }
    assertThat(after).as("project after %s", lie).isEqualTo(before);
    assertNoEndlessStreamLeft();

    // Nothing the liar sent stayed in the cache: with an honest source the same home installs
    // exactly what was published.
    proxy.clearRules();
    if (lie != Lie.FABRICATED_TAG_LIST) { // ^9.0.0 does not exist for real either
      Installer.Result ok = Hermetic.install(project, viaProxy, home);
      assertThat(ok.installed()).extracting(Installer.InstalledSkill::digest)
          .containsExactly("^2.0.0".equals(lie.range()) ? victim2Digest : victim1Digest);
    }
  }

  /** A project that already has an installed skill, and now adds the victim: byte-for-byte unchanged. */
  @ParameterizedTest
  @EnumSource(Lie.class)
  void lieIsCaughtAndInstalledProjectIsExactlyAsBefore(Lie lie) {
    Path project = SkillFixtures.project(work.resolve("project"), Map.of("@acme/base", "^1.0.0"));
    Path home = work.resolve("home");
    Hermetic.install(project, viaProxy, home);
    SkillFixtures.project(project, Map.of("@acme/base", "^1.0.0", "@acme/victim", lie.range()));
    Map<String, String> before = Hermetic.snapshot(project);
    assertThat(before).containsKeys(".agents/skills/base/SKILL.md", "skills.lock");
    TamperingProxy.Rule rule = lie.install(proxy);

    TankException e = assertTimeoutPreemptively(FAST, () -> Hermetic.installFails(project, viaProxy, home, Hermetic.ENV, false));

    assertThat(rule.hits()).as("the lie was told (its rule matched a request)").isPositive();
    checkError(lie, e);
    assertThat(Hermetic.snapshot(project)).as("project after %s", lie).isEqualTo(before);
    assertNoEndlessStreamLeft();
  }

  @Test
  void endlessBodyIsCutOffQuicklyAndTheConnectionIsDropped() {
    Path project = SkillFixtures.project(work.resolve("project"), Map.of("@acme/victim", "^1.0.0"));
    TamperingProxy.Rule rule = proxy.on("GET", blobPath(victim1Layer), endless());
    long start = System.nanoTime();

    TankException e = assertTimeoutPreemptively(FAST, () -> Hermetic.installFails(project, viaProxy, work.resolve("home"), Hermetic.ENV, false));

    assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE);
    assertThat(rule.hits()).isEqualTo(1);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    // Tank stops reading at descriptor size + 1 and closes the body: the proxy sees the
    // disconnect and its writer stops long before its own caps.
    assertNoEndlessStreamLeft();
    assertThat(proxy.endlessBytesSent()).isLessThan(TamperingProxy.ENDLESS_CAP_BYTES);
  }

  /**
   * The fetch step may ask for a layer before the head start reaches it; the head start, reaching
   * it while that download is still running, must wait for it instead of downloading it again
   * (before the fix, a CI run under load saw the endless layer above requested twice).
   */
  @Test
  void aLayerTheFetchStepIsDownloadingIsNotDownloadedAgainByTheHeadStart() throws Exception {
    CountDownLatch requested = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    TamperingProxy.Rule rule = proxy.on("GET", blobPath(victim1Layer), call -> {
      TamperingProxy.Response r = call.forward();
      requested.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      call.send(r);
    });
    SkillName victim = SkillName.parse("@acme/victim");
    RegistryCatalog catalog = new RegistryCatalog(
        new Registries(Map.of(), viaProxy, false, new Credentials(Hermetic.ENV, work.resolve("home"))),
        new ContentCache(work.resolve("cache")));
    ExecutorService fetchStep = Executors.newSingleThreadExecutor();
    try {
      SkillArtifact v1 = catalog.byTag(victim, Version.parse("1.0.0"));
      Future<RegistryCatalog.Blob> download = fetchStep.submit(() -> catalog.fetch(victim, v1.layer()));
      assertThat(requested.await(30, TimeUnit.SECONDS)).as("the fetch step's download started").isTrue();

      // ~1.0.0 picks 1.0.0, whose manifest the catalog has: the head start goes straight to its layer.
      catalog.prefetch(Map.of("@acme/victim", "~1.0.0"));
      long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while (rule.hits() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      release.countDown();

      assertThat(download.get(30, TimeUnit.SECONDS).fromCache()).isFalse();
      assertThat(catalog.fetch(victim, v1.layer()).bytes()).isEqualTo(download.get().bytes());
      assertThat(rule.hits()).as("requests for the layer").isEqualTo(1);
    } finally {
      release.countDown();
      catalog.settle();
      fetchStep.shutdownNow();
    }
  }

  private static void assertNoEndlessStreamLeft() {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (proxy.openStreams() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    assertThat(proxy.openStreams()).as("endless bodies still being written (the client kept the connection open)").isZero();
  }

  @Test
  void honestProxyInstallsWhatWasPublished() {
    Path project = SkillFixtures.project(work.resolve("project"), Map.of("@acme/victim", "^1.0.0"));
    Installer.Result r = Hermetic.install(project, viaProxy, work.resolve("home"));

    assertThat(r.installed()).extracting(Installer.InstalledSkill::digest).containsExactly(victim1Digest);
    assertThat(Lockfile.read(project.resolve("skills.lock")).skills().get("@acme/victim@1.0.0").digest()).isEqualTo(victim1Digest);
    assertThat(Hermetic.read(project.resolve(".agents/skills/victim/SKILL.md"))).contains("Version 1.0.0.");
    assertThat(proxy.requests()).anyMatch(s -> s.contains("/v2/test/acme/victim/blobs/" + victim1Layer));
  }

  /**
   * An artifact whose manifest does not carry its config inside (an older Tank, another tool): the
   * config comes from its blob, and the install is the same apart from the manifest's digest.
   */
  @Test
  void aManifestWithoutTheEmbeddedConfigInstallsFromTheConfigBlob() {
    proxy.reset();
    proxy.on("GET", "/v2/test/acme/victim/manifests/1.0.0", rewrite(withConfigData(null)));
    Path project = SkillFixtures.project(work.resolve("project"), Map.of("@acme/victim", "^1.0.0"));

    Installer.Result r = Hermetic.install(project, viaProxy, work.resolve("home"));

    assertThat(r.installed()).extracting(Installer.InstalledSkill::digest).doesNotContain(victim1Digest);
    assertThat(proxy.requests()).anyMatch(s -> s.contains("/v2/test/acme/victim/blobs/" + victim1Config));
    assertThat(Hermetic.read(project.resolve(".agents/skills/victim/SKILL.md"))).contains("Version 1.0.0.");
  }

  /** With the config inside the manifest, installing needs no request for the config blob. */
  @Test
  void anEmbeddedConfigSavesTheConfigRequest() {
    proxy.reset();
    Path project = SkillFixtures.project(work.resolve("project"), Map.of("@acme/victim", "^1.0.0"));

    Installer.Result r = Hermetic.install(project, viaProxy, work.resolve("home"));

    assertThat(r.installed()).extracting(Installer.InstalledSkill::digest).containsExactly(victim1Digest);
    assertThat(proxy.requests()).noneMatch(s -> s.contains("/blobs/" + victim1Config));
  }

  @Test
  void lyingDigestHeaderDoesNotMatterWhenTheBytesAreRight() {
    proxy.on("*", "/v2/test/acme/victim/(manifests|blobs)/.*", rewrite(digestHeader(FAKE_DIGEST)));
    Path project = SkillFixtures.project(work.resolve("project"), Map.of("@acme/victim", "^2.0.0"));

    Installer.Result r = Hermetic.install(project, viaProxy, work.resolve("home"));

    assertThat(r.installed()).extracting(Installer.InstalledSkill::digest).containsExactly(victim2Digest);
    assertThat(Lockfile.read(project.resolve("skills.lock")).skills().get("@acme/victim@2.0.0").digest())
        .isEqualTo(victim2Digest)
        .isNotEqualTo(FAKE_DIGEST);
  }

  @Test
  void staleTagListCanHideReleasesButNotChangeContent() {
    proxy.on("GET", "/v2/test/acme/stale/tags/list", TamperingProxy.fixed(staleTags));
    Path project = SkillFixtures.project(work.resolve("project"), Map.of("@acme/stale", "^1.0.0"));

    Installer.Result r = Hermetic.install(project, viaProxy, work.resolve("home"));

    // The frozen list only knows 1.0.0: Tank installs it, verified — the newest release that the
    // source admits to, never bytes other than what 1.0.0 was published with.
    assertThat(r.installed()).extracting(Installer.InstalledSkill::version).containsExactly("1.0.0");
    assertThat(r.installed()).extracting(Installer.InstalledSkill::digest).containsExactly(stale1Digest);
    proxy.clearRules();
    Path other = SkillFixtures.project(work.resolve("other"), Map.of("@acme/stale", "^1.0.0"));
    assertThat(Hermetic.install(other, viaProxy, work.resolve("home2")).installed())
        .extracting(Installer.InstalledSkill::version).containsExactly("1.1.0");
  }
}
