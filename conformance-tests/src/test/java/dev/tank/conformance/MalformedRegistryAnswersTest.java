package dev.tank.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tank.install.Installer;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import dev.tank.testing.DistributionRegistry;
import dev.tank.testing.SkillFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Registry answers that are malformed rather than merely false — what {@link LyingRegistryTest},
 * {@link LockedInstallAttackTest}, {@link SignatureAttackTest} and {@link ReferrersApiTest} do not
 * cover: a manifest under the tag whose descriptors are hostile (a digest that walks up the path, an
 * unknown algorithm, an absurd or negative size, no layer, two layers, wrong media types), manifests
 * that are not JSON or nest without end, error answers with endless bodies, redirect loops and
 * redirects to other URL schemes, and a tag list whose next-page link points back at itself.
 *
 * <p>A manifest fetched by tag is the one piece of registry data that no digest vouches for yet, so
 * every field of it is attacker-chosen. Tank must fail with a coded error that names the place,
 * quickly, send no request built from a hostile digest, and leave the project exactly as it was.
 */
class MalformedRegistryAnswersTest {
  private static final Duration FAST = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TAG_PATH = "/v2/mal/acme/victim/manifests/1.0.0";

  static DistributionRegistry registry;
  static TamperingProxy proxy;
  static String viaProxy;
  static byte[] manifest;
  static String layerDigest;
  @TempDir static Path shared;

  @TempDir Path work;

  @BeforeAll
  static void publish() {
    registry = DistributionRegistry.start();
    proxy = TamperingProxy.start(registry.url());
    viaProxy = proxy.url() + "/mal";
    Hermetic.publish(SkillFixtures.skill(shared, "victim", "1.0.0", Map.of()), registry.url() + "/mal", shared.resolve("home"));
    manifest = new RegistryHttp(registry.url()).manifest("mal/acme/victim", "1.0.0");
    layerDigest = RegistryHttp.json(manifest).path("layers").path(0).path("digest").asText();
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

  @AfterEach
  void honestAgain() {
    proxy.reset();
  }

  /** The real manifest with {@code edit} applied, served under the tag. */
  private static TamperingProxy.Tamper manifestWith(Consumer<ObjectNode> edit) {
    try {
      ObjectNode m = (ObjectNode) JSON.readTree(manifest);
      edit.accept(m);
      return served(JSON.writeValueAsBytes(m));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static TamperingProxy.Tamper served(byte[] body) {
    return TamperingProxy.fixed(TamperingProxy.Response.of(200, RegistryHttp.OCI_MANIFEST, body));
  }

  private static ObjectNode layer(ObjectNode m) {
    return (ObjectNode) m.path("layers").path(0);
  }

  enum Answer {
    LAYER_DIGEST_WALKING_UP_THE_PATH(Set.of(ErrorCode.REGISTRY, ErrorCode.SCHEMA, ErrorCode.INTEGRITY)) {
      @Override
      void install(TamperingProxy p) {
        p.on("GET", TAG_PATH, manifestWith(m -> layer(m).put("digest", "sha256:../../../../../../tmp/tank-escape")));
      }
    },
    LAYER_DIGEST_WITH_AN_UNKNOWN_ALGORITHM(Set.of(ErrorCode.REGISTRY, ErrorCode.SCHEMA, ErrorCode.INTEGRITY)) {
      @Override
      void install(TamperingProxy p) {
        p.on("GET", TAG_PATH, manifestWith(m -> layer(m).put("digest", "md5:d41d8cd98f00b204e9800998ecf8427e")));
      }
    },
    LAYER_SIZE_OF_FOUR_EXBIBYTES(Set.of(ErrorCode.REGISTRY, ErrorCode.SCHEMA, ErrorCode.INTEGRITY, ErrorCode.TOO_LARGE)) {
      @Override
      void install(TamperingProxy p) {
        p.on("GET", TAG_PATH, manifestWith(m -> layer(m).put("size", 1L << 62)));
      }
    },
    NEGATIVE_LAYER_SIZE(Set.of(ErrorCode.REGISTRY, ErrorCode.SCHEMA, ErrorCode.INTEGRITY, ErrorCode.TOO_LARGE)) {
      @Override
      void install(TamperingProxy p) {
        p.on("GET", TAG_PATH, manifestWith(m -> layer(m).put("size", -1)));
      }
    },
    NO_LAYER(Set.of(ErrorCode.REGISTRY, ErrorCode.SCHEMA, ErrorCode.INTEGRITY)) {
      @Override
      void install(TamperingProxy p) {
        p.on("GET", TAG_PATH, manifestWith(m -> m.putArray("layers")));
      }
    },
    TWO_CONTENT_LAYERS(Set.of(ErrorCode.REGISTRY, ErrorCode.SCHEMA, ErrorCode.INTEGRITY)) {
      @Override
      void install(TamperingProxy p) {
        p.on("GET", TAG_PATH, manifestWith(m -> ((ArrayNode) m.get("layers")).add(layer(m).deepCopy())));
      }
    },
    CONTAINER_IMAGE_CONFIG(Set.of(ErrorCode.REGISTRY, ErrorCode.SCHEMA, ErrorCode.INTEGRITY)) {
      @Override
      void install(TamperingProxy p) {
        p.on("GET", TAG_PATH, manifestWith(m -> ((ObjectNode) m.get("config")).put("mediaType", "application/vnd.oci.image.config.v1+json")));
      }
    },
    CONTAINER_IMAGE_LAYER(Set.of(ErrorCode.REGISTRY, ErrorCode.SCHEMA, ErrorCode.INTEGRITY)) {
      @Override
      void install(TamperingProxy p) {
        p.on("GET", TAG_PATH, manifestWith(m -> layer(m).put("mediaType", "application/vnd.oci.image.layer.v1.tar+gzip")));
      }
    },
    MANIFEST_THAT_IS_NOT_JSON(Set.of(ErrorCode.REGISTRY, ErrorCode.SCHEMA, ErrorCode.SYNTAX)) {
      @Override
      void install(TamperingProxy p) {
        p.on("GET", TAG_PATH, served("<html>Service Unavailable</html>".getBytes(StandardCharsets.UTF_8)));
      }
    },
    MANIFEST_NESTED_A_HUNDRED_THOUSAND_DEEP(Set.of(ErrorCode.REGISTRY, ErrorCode.SCHEMA, ErrorCode.SYNTAX, ErrorCode.TOO_LARGE)) {
      @Override
      void install(TamperingProxy p) {
        p.on("GET", TAG_PATH, served(("{\"a\":" + "[".repeat(100_000)).getBytes(StandardCharsets.UTF_8)));
      }
    },
    SERVER_ERROR_WITH_AN_ENDLESS_BODY(Set.of(ErrorCode.REGISTRY, ErrorCode.TOO_LARGE, ErrorCode.UNREACHABLE)) {
      @Override
      void install(TamperingProxy p) {
        p.on("GET", "/v2/mal/acme/victim/blobs/" + Pattern.quote(layerDigest), call -> {
          call.sendEndless(TamperingProxy.Response.of(500, "application/json", new byte[0]));
        });
      }
    },
    TOO_MANY_REQUESTS(Set.of(ErrorCode.REGISTRY)) {
      @Override
      void install(TamperingProxy p) {
        p.on("GET", TAG_PATH, TamperingProxy.fixed(TamperingProxy.Response.of(429, "application/json",
            "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"slow down\"}]}".getBytes(StandardCharsets.UTF_8))));
      }

      @Override
      void check(TankException e) {
        assertThat(e.getMessage()).contains("429").contains("TOOMANYREQUESTS");
      }
    },
    BLOB_REDIRECT_LOOP(Set.of(ErrorCode.REGISTRY)) {
      @Override
      void install(TamperingProxy p) {
        String path = "/v2/mal/acme/victim/blobs/" + layerDigest;
        p.on("GET", Pattern.quote(path), TamperingProxy.redirect(307, path));
      }

      @Override
      void check(TankException e) {
        // Five hops, then Tank gives up; the loop did not run on.
        assertThat(proxy.requests().stream().filter(r -> r.contains(layerDigest)).count()).isBetween(2L, 10L);
      }
    },
    BLOB_REDIRECT_TO_A_FILE_URL(Set.of(ErrorCode.REGISTRY)) {
      @Override
      void install(TamperingProxy p) {
        p.on("GET", "/v2/mal/acme/victim/blobs/" + Pattern.quote(layerDigest), TamperingProxy.redirect(307, "file:///etc/passwd"));
      }

      @Override
      void check(TankException e) {
        assertThat(e.getMessage()).contains("scheme");
      }
    };

    final Set<ErrorCode> codes;

    Answer(Set<ErrorCode> codes) {
      this.codes = codes;
    }

    abstract void install(TamperingProxy p);

    void check(TankException e) {}
  }

  @ParameterizedTest
  @EnumSource(Answer.class)
  void aMalformedAnswerIsACodedErrorAndTheProjectIsLeftAlone(Answer answer) {
    Path project = SkillFixtures.project(work.resolve("project"), Map.of("@acme/victim", "^1.0.0"));
    Map<String, String> before = Hermetic.snapshot(project);
    answer.install(proxy);

    TankException e = assertTimeoutPreemptively(FAST, () -> Hermetic.installFails(project, viaProxy, work.resolve("home"), Hermetic.ENV, false));

    assertThat(e.code()).as("%s: %s", answer, e.getMessage()).isIn(answer.codes);
    assertThat(e.where()).as("%s names the place", answer).isNotBlank();
    assertThat(e.hint()).as("%s says what to do", answer).isNotBlank();
    answer.check(e);
    // No request was built from a hostile digest.
    assertThat(proxy.requests()).as("requests of %s", answer).noneMatch(r -> r.contains("..") || r.contains("md5:"));
    Map<String, String> after = Hermetic.snapshot(project);
    assertThat(after).as("project after %s", answer).isEqualTo(before);

    // Honest again, the same home installs what was published.
    proxy.reset();
    Installer.Result ok = Hermetic.install(project, viaProxy, work.resolve("home"));
    assertThat(ok.installed()).extracting(Installer.InstalledSkill::digest).containsExactly(RegistryHttp.sha256(manifest));
  }

  /**
   * A tag list whose {@code Link: <...>; rel="next"} names the page just read: an honest registry
   * never does that, and following it would repeat the same request a thousand times.
   */
  @Test
  void aTagListLinkingBackToItselfIsRefusedAtOnce() {
    TamperingProxy.Response page = proxy.capture("/v2/mal/acme/victim/tags/list", null);
    proxy.on("GET", "/v2/mal/acme/victim/tags/list", call -> call.send(page
        .withHeader("Link", "<" + call.request().path() + "?" + call.request().rawQuery() + ">; rel=\"next\"")));
    Path project = SkillFixtures.project(work.resolve("project"), Map.of("@acme/victim", "^1.0.0"));
    Map<String, String> before = Hermetic.snapshot(project);

    TankException e = assertTimeoutPreemptively(FAST, () -> Hermetic.installFails(project, viaProxy, work.resolve("home"), Hermetic.ENV, false));

    assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.REGISTRY);
    assertThat(e.getMessage()).contains("tags/list");
    assertThat(proxy.requests().stream().filter(r -> r.contains("/tags/list")).count()).isLessThanOrEqualTo(3);
    assertThat(Hermetic.snapshot(project)).isEqualTo(before);
  }

  /** The same for a loop of two pages that name each other. */
  @Test
  void aTagListWhosePagesLinkInACircleIsRefused() {
    TamperingProxy.Response page = proxy.capture("/v2/mal/acme/victim/tags/list", null);
    proxy.on("GET", "/v2/mal/acme/victim/tags/list", call -> {
      String next = call.request().rawQuery() != null && call.request().rawQuery().contains("last=a") ? "last=b" : "last=a";
      call.send(page.withHeader("Link", "</v2/mal/acme/victim/tags/list?n=1000&" + next + ">; rel=\"next\""));
    });
    Path project = SkillFixtures.project(work.resolve("project"), Map.of("@acme/victim", "^1.0.0"));

    TankException e = assertTimeoutPreemptively(FAST, () -> Hermetic.installFails(project, viaProxy, work.resolve("home"), Hermetic.ENV, false));

    assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.REGISTRY);
    assertThat(proxy.requests().stream().filter(r -> r.contains("/tags/list")).count()).isLessThanOrEqualTo(6);
    List<String> tagRequests = proxy.requests().stream().filter(r -> r.contains("/tags/list")).toList();
    assertThat(tagRequests).doesNotHaveDuplicates();
  }

  /**
   * A body that stops arriving half way, the connection left open (a stalled CDN, a slow-loris
   * registry). The blob request is redirected to a bare socket that sends headers and ten bytes of
   * a declared 100,000, then nothing. Tank's request timeout ({@code RemoteTransport.REQUEST_TIMEOUT},
   * 60 s) covers the wait for the headers only; the body is bounded by the idle-read timeout
   * ({@code TANK_READ_TIMEOUT}, set to 3 s here), so the install fails rather than wait for ever.
   */
  @Test
  void aBodyThatStallsHalfWayFailsInsteadOfHangingForever() throws IOException {
    try (java.net.ServerSocket stall = new java.net.ServerSocket(0, 8, java.net.InetAddress.getLoopbackAddress())) {
      Thread server = new Thread(() -> {
        List<java.net.Socket> open = new java.util.ArrayList<>();
        try {
          while (true) {
            java.net.Socket socket = stall.accept();
            open.add(socket);
            socket.getInputStream().read(new byte[8192]);
            socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Length: 100000\r\n\r\n0123456789").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
          }
        } catch (IOException closed) {
          // the test is over: closing the sockets ends any read still waiting on them
          for (java.net.Socket socket : open) {
            try {
              socket.close();
            } catch (IOException ignored) {
              // already closed
            }
          }
        }
      }, "stalling-server");
      server.setDaemon(true);
      server.start();
      proxy.on("GET", "/v2/mal/acme/victim/blobs/" + Pattern.quote(layerDigest),
          TamperingProxy.redirect(307, "http://127.0.0.1:" + stall.getLocalPort() + "/stalled-blob"));
      Path project = SkillFixtures.project(work.resolve("project"), Map.of("@acme/victim", "^1.0.0"));
      Map<String, String> before = Hermetic.snapshot(project);

      // TANK_READ_TIMEOUT shortens the idle wait (default 30 s) so the suite stays quick.
      Map<String, String> env = new java.util.HashMap<>(Hermetic.ENV);
      env.put("TANK_READ_TIMEOUT", "3");
      TankException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
          () -> Hermetic.installFails(project, viaProxy, work.resolve("home"), env, false),
          "the install still waits for a body that stopped arriving");

      assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.UNREACHABLE);
      assertThat(e.hint()).isNotBlank();
      assertThat(e.getMessage()).contains("stopped sending");
      assertThat(Hermetic.snapshot(project)).isEqualTo(before);
    }
  }
}
