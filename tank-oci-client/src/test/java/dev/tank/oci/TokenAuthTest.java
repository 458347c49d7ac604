package dev.tank.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.tank.mediatypes.Digest;
import dev.tank.testing.DistributionRegistry;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Bearer-token flow against a real registry configured for token auth. The token service is a
 * small one written here (the part a real deployment gets from GHCR, Harbor or a cloud IAM): it
 * checks Basic credentials and signs a JWT with a key whose certificate the registry trusts. The
 * key and certificate come from the real {@code openssl}.
 */
class TokenAuthTest {
  static DistributionRegistry registry;
  static HttpServer tokenServer;
  static PrivateKey key;
  static String certDerB64;
  static final List<String> scopesAsked = new CopyOnWriteArrayList<>();
  @TempDir static Path dir;
  @TempDir Path home;

  @BeforeAll
  static void start() throws Exception {
    Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
        "-nodes", "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString(),
        "-days", "1", "-subj", "/CN=tank-token-test").redirectErrorStream(true).start();
    assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pemBody(dir.resolve("key.pem"))));
    certDerB64 = Base64.getEncoder().encodeToString(pemBody(dir.resolve("cert.pem")));
    tokenServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    tokenServer.createContext("/token", ex -> {
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      String expected = "Basic " + Base64.getEncoder().encodeToString("tank:s3cret".getBytes(StandardCharsets.UTF_8));
      if (!expected.equals(auth)) {
        ex.sendResponseHeaders(401, -1);
        ex.close();
        return;
      }
      Map<String, String> q = query(ex.getRequestURI().getRawQuery());
      scopesAsked.add(q.get("scope"));
      byte[] body = ("{\"token\":\"" + jwt(q.get("service"), q.get("scope")) + "\"}").getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    tokenServer.start();
    String realm = "http://127.0.0.1:" + tokenServer.getAddress().getPort() + "/token";
    registry = DistributionRegistry.startWithTokenAuth(realm, "tank-test-registry", "tank-test-issuer", dir.resolve("cert.pem"));
  }

  @AfterAll
  static void stop() {
    registry.close();
    tokenServer.stop(0);
  }

  private static byte[] pemBody(Path pem) throws Exception {
    String text = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(text);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new java.util.HashMap<>();
    for (String kv : raw.split("&")) {
      int eq = kv.indexOf('=');
      out.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  /** An ES256 JWT in the shape distribution's token auth expects (x5c chain, access claim). */
  private static String jwt(String service, String scope) {
    try {
      Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
      String header = "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"x5c\":[\"" + certDerB64 + "\"]}";
      List<String> access = new ArrayList<>();
      for (String s : scope.split(" ")) {
        String[] parts = s.split(":");
        String actions = "\"" + String.join("\",\"", parts[2].split(",")) + "\"";
        access.add("{\"type\":\"" + parts[0] + "\",\"name\":\"" + parts[1] + "\",\"actions\":[" + actions + "]}");
      }
      long now = System.currentTimeMillis() / 1000;
      String claims = "{\"iss\":\"tank-test-issuer\",\"sub\":\"tank\",\"aud\":\"" + service + "\",\"exp\":" + (now + 300)
          + ",\"nbf\":" + (now - 60) + ",\"iat\":" + now + ",\"jti\":\"" + java.util.UUID.randomUUID()
          + "\",\"access\":[" + String.join(",", access) + "]}";
      String signingInput = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
          + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
      Signature sig = Signature.getInstance("SHA256withECDSAinP1363Format");
      sig.initSign(key);
      sig.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + b64.encodeToString(sig.sign());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sortedActions(String scope) {
    int colon = scope.lastIndexOf(':');
    return scope.substring(0, colon + 1) + String.join(",", new java.util.TreeSet<>(List.of(scope.substring(colon + 1).split(","))));
  }

  private Transport transport(Map<String, String> env) {
    return Registries.open(RegistryRef.parse(registry.url() + "/tok", false), new Credentials(env, home));
  }

  @Test
  void bearerTokenFromTheRealmAuthorizesPushAndPull() {
    byte[] data = "token-protected".getBytes(StandardCharsets.UTF_8);
    Digest d = Digest.sha256(data);
    try (Transport t = transport(Map.of("TANK_REGISTRY_USERNAME", "tank", "TANK_REGISTRY_PASSWORD", "s3cret"))) {
      t.pushBlob("tok/acme/x", d, data);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      t.fetchBlob("tok/acme/x", d, data.length, out);
      assertThat(out.toByteArray()).isEqualTo(data);
    }
    // The registry lists the actions of a challenge in no fixed order (Go map iteration), so compare them as sets.
    assertThat(scopesAsked.stream().map(TokenAuthTest::sortedActions))
        .contains("repository:tok/acme/x:pull,push", "repository:tok/acme/x:pull");
  }

  @Test
  void wrongPasswordIsRefusedByTheTokenService() {
    try (Transport t = transport(Map.of("TANK_REGISTRY_USERNAME", "tank", "TANK_REGISTRY_PASSWORD", "wrong"))) {
      assertThatThrownBy(() -> t.listTags("tok/acme/x")).hasMessageContaining("TANK-E-AUTH").hasMessageContaining("token service");
    }
  }
}
