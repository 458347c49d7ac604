package dev.tank.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tank.install.Installer;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.Lockfile;
import dev.tank.mediatypes.TankException;
import dev.tank.sign.CosignKeys;
import dev.tank.testing.DistributionRegistry;
import dev.tank.testing.SkillFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registries with a referrers API, and a registry that rolls back its tag list.
 *
 * <p>Distribution 2.8 has no referrers API, so the proxy in front of it adds one: it remembers each
 * manifest pushed with a {@code subject} and answers {@code GET /v2/<name>/referrers/<digest>}
 * with an index of them, as an OCI 1.1 registry does. Tank must then use the API and write no
 * fallback tag.
 */
class ReferrersApiTest {
  static final KeyPair KEY = CosignKeys.generate();
  static final Pattern MANIFEST_PUT = Pattern.compile("/v2/(.+)/manifests/(sha256:[0-9a-f]{64})");
  static final Pattern REFERRERS = Pattern.compile("/v2/(.+)/referrers/(sha256:[0-9a-f]{64})");

  @TempDir Path work;
  DistributionRegistry registry;
  TamperingProxy proxy;
  RegistryHttp http;
  final Map<String, ArrayNode> referrers = new ConcurrentHashMap<>();

  @BeforeEach
  void start() {
    registry = DistributionRegistry.start();
    proxy = TamperingProxy.start(registry.url());
    http = new RegistryHttp(registry.url());
  }

  @AfterEach
  void stop() {
    proxy.close();
    registry.close();
  }

  /** Turns the proxy into an OCI 1.1 registry with a referrers API. */
  void addReferrersApi() {
    ObjectMapper json = new ObjectMapper();
    proxy.on("PUT", MANIFEST_PUT.pattern(), call -> {
      TamperingProxy.Response r = call.forward();
      Matcher m = MANIFEST_PUT.matcher(call.request().path());
      JsonNode body = json.readTree(call.request().body());
      if (r.status() == 201 && m.matches() && body.has("subject")) {
        ObjectNode d = json.createObjectNode();
        d.put("mediaType", body.path("mediaType").asText());
        d.put("digest", m.group(2));
        d.put("size", call.request().body().length);
        d.put("artifactType", body.path("artifactType").asText());
        referrers.computeIfAbsent(m.group(1) + "@" + body.at("/subject/digest").asText(), k -> json.createArrayNode()).add(d);
        r = r.withHeader("oci-subject", body.at("/subject/digest").asText());
      }
      call.send(r);
    });
    proxy.on("GET", REFERRERS.pattern(), call -> {
      Matcher m = REFERRERS.matcher(call.request().path());
      ObjectNode index = json.createObjectNode();
      index.put("schemaVersion", 2);
      index.put("mediaType", "application/vnd.oci.image.index.v1+json");
      index.set("manifests", m.matches()
          ? referrers.getOrDefault(m.group(1) + "@" + m.group(2), json.createArrayNode()) : json.createArrayNode());
      call.send(TamperingProxy.Response.of(200, "application/vnd.oci.image.index.v1+json", json.writeValueAsBytes(index)));
    });
  }

  @Test
  void withAReferrersApiTankUsesItAndWritesNoFallbackTag() throws IOException {
    addReferrersApi();
    String reg = proxy.url() + "/api";
    String digest;
    try (var t = Hermetic.tank(work.resolve("unused"), reg, work.resolve("home"))) {
      digest = t.publish(SkillFixtures.skill(work.resolve("s"), "x", "1.0.0", Map.of()), false, KEY.getPrivate()).digest();
    }
    // The SBOM, the audit report and the signature bundle went to the API; no sha256-<hex> index tag was written.
    assertThat(referrers.get("api/acme/x@" + digest)).hasSize(3);
    assertThat(http.tags("api/acme/x")).doesNotContain(digest.replace(':', '-'))
        .contains("1.0.0", digest.replace(':', '-') + ".sig");

    Path project = Files.createDirectories(work.resolve("p"));
    Files.writeString(project.resolve("k.pub"), CosignKeys.publicKeyPem(KEY.getPublic()));
    Files.writeString(project.resolve("skills.json"), "{\"skills\": {\"@acme/x\": \"1.0.0\"},"
        + " \"audit\": {\"require_signing\": true}, \"trust\": {\"keys\": [{\"name\": \"k\", \"public_key\": \"k.pub\"}]}}");
    // Only the bundle (found through the API) can verify: the classic signature is hidden.
    proxy.on("GET", "/v2/api/acme/x/manifests/sha256-.*\\.sig", call -> call.send(
        TamperingProxy.Response.of(404, "application/json", "{}".getBytes(StandardCharsets.UTF_8))));
    Hermetic.install(project, reg, work.resolve("home"));
    assertThat(Lockfile.read(project.resolve("skills.lock")).skills().get("@acme/x@1.0.0").signature()).startsWith("key k ");
    assertThat(proxy.requests()).anyMatch(r -> r.contains("/referrers/" + digest));
  }

  @Test
  void aRegistryThatRollsItsTagListBackIsRefused() throws IOException {
    String direct = registry.url() + "/rb";
    String viaProxy = proxy.url() + "/rb";
    Path home = work.resolve("home");
    Hermetic.publish(SkillFixtures.skill(work.resolve("a"), "x", "1.0.0", Map.of()), direct, home);
    TamperingProxy.Response oldTags = proxy.capture("/v2/rb/acme/x/tags/list", null);
    Hermetic.publish(SkillFixtures.skill(work.resolve("b"), "x", "1.1.0", Map.of()), direct, home);
    Path project = SkillFixtures.project(work.resolve("p"), Map.of("@acme/x", "^1.0.0"));
    Hermetic.install(project, viaProxy, home);
    assertThat(Lockfile.read(project.resolve("skills.lock")).skills()).containsOnlyKeys("@acme/x@1.1.0");

    proxy.on("GET", "/v2/rb/acme/x/tags/list.*", call -> call.send(oldTags));
    Map<String, String> before = Hermetic.snapshot(project);
    TankException e = org.junit.jupiter.api.Assertions.assertThrows(TankException.class, () -> {
      try (var t = Hermetic.tank(project, viaProxy, home)) {
        t.install(new Installer.Options(false, List.of(), List.of(), Set.of()));
      }
    });
    assertThat(e.code()).isEqualTo(ErrorCode.ROLLBACK);
    assertThat(e.getMessage()).contains("1.1.0 was seen before");
    assertThat(Hermetic.snapshot(project)).isEqualTo(before);
  }
}
