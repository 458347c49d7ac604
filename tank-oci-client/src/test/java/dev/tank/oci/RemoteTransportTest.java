package dev.tank.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import dev.tank.testing.DistributionRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The remote transport against a real registry that requires Basic authentication. */
class RemoteTransportTest {
  static DistributionRegistry server;
  @TempDir Path home;

  @BeforeAll
  static void start() {
    server = DistributionRegistry.start("tank", "s3cret");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private Transport transport(Map<String, String> env) {
    return Registries.open(RegistryRef.parse(server.url() + "/auth", false), new Credentials(env, home));
  }

  @Test
  void withoutCredentialsTheErrorSaysHowToLogIn() {
    try (Transport t = transport(Map.of())) {
      assertThatThrownBy(() -> t.listTags("auth/acme/x"))
          .isInstanceOf(TankException.class)
          .satisfies(e -> assertThat(((TankException) e).code()).isEqualTo(ErrorCode.AUTH))
          .hasMessageContaining("docker login");
    }
  }

  @Test
  void wrongPasswordIsAnAuthError() {
    try (Transport t = transport(Map.of("TANK_REGISTRY_USERNAME", "tank", "TANK_REGISTRY_PASSWORD", "nope"))) {
      assertThatThrownBy(() -> t.listTags("auth/acme/x")).hasMessageContaining("TANK-E-AUTH").hasMessageContaining("refused");
    }
  }

  @Test
  void envCredentialsPushAndFetchVerifiedBlobs() {
    byte[] data = new byte[256];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) i;
    }
    Digest d = Digest.sha256(data);
    try (Transport t = transport(Map.of("TANK_REGISTRY_USERNAME", "tank", "TANK_REGISTRY_PASSWORD", "s3cret"))) {
      t.pushBlob("auth/acme/x", d, data);
      assertThat(t.blobExists("auth/acme/x", d)).isTrue();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      t.fetchBlob("auth/acme/x", d, data.length, out);
      assertThat(out.toByteArray()).isEqualTo(data);
      assertThatThrownBy(() -> t.fetchBlob("auth/acme/x", d, data.length - 1, new ByteArrayOutputStream()))
          .hasMessageContaining("TANK-E-TOO-LARGE");
      assertThatThrownBy(() -> t.fetchBlob("auth/acme/x", d, data.length + 1, new ByteArrayOutputStream()))
          .hasMessageContaining("TANK-E-INTEGRITY").hasMessageContaining("truncated");
    }
  }

  /** Above 1 MiB a body is streamed with a fixed length instead of sent from a buffer. */
  @Test
  void aBlobLargerThanTheStreamingThresholdGoesUpAndComesBackIntact() {
    byte[] data = new byte[3 * 1024 * 1024 + 17];
    new java.util.Random(7).nextBytes(data);
    Digest d = Digest.sha256(data);
    try (Transport t = transport(Map.of("TANK_REGISTRY_USERNAME", "tank", "TANK_REGISTRY_PASSWORD", "s3cret"))) {
      t.pushBlob("auth/acme/big", d, data);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      t.fetchBlob("auth/acme/big", d, data.length, out);
      assertThat(out.toByteArray()).isEqualTo(data);
    }
  }

  /** Many requests in a row on kept-alive connections, with unread error bodies in between. */
  @Test
  void requestsAfterUnreadErrorBodiesStillGetTheirOwnAnswers() {
    try (Transport t = transport(Map.of("TANK_REGISTRY_USERNAME", "tank", "TANK_REGISTRY_PASSWORD", "s3cret"))) {
      byte[] data = "kept alive".getBytes(StandardCharsets.UTF_8);
      Digest d = Digest.sha256(data);
      t.pushBlob("auth/acme/keep", d, data);
      for (int i = 0; i < 40; i++) {
        assertThat(t.fetchManifest("auth/acme/keep", "no-such-tag-" + i)).isEmpty();
        assertThat(t.blobExists("auth/acme/keep", Digest.sha256(("absent " + i).getBytes(StandardCharsets.UTF_8)))).isFalse();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        t.fetchBlob("auth/acme/keep", d, data.length, out);
        assertThat(out.toByteArray()).isEqualTo(data);
      }
    }
  }

  @Test
  void dockerConfigJsonCredentialsAreUsed() throws Exception {
    Path cfgDir = Files.createDirectories(home.resolve("docker"));
    String auth = Base64.getEncoder().encodeToString("tank:s3cret".getBytes(StandardCharsets.UTF_8));
    Files.writeString(cfgDir.resolve("config.json"), "{\"auths\":{\"" + server.hostPort() + "\":{\"auth\":\"" + auth + "\"}}}");
    try (Transport t = transport(Map.of("DOCKER_CONFIG", cfgDir.toString()))) {
      assertThat(t.listTags("auth/acme/none")).isEmpty();
    }
  }

  @Test
  void manifestFetchedByDigestIsVerified() {
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":"
        + "\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2},\"layers\":[]}")
        .getBytes(StandardCharsets.UTF_8);
    try (Transport t = transport(Map.of("TANK_REGISTRY_USERNAME", "tank", "TANK_REGISTRY_PASSWORD", "s3cret"))) {
      t.pushBlob("auth/acme/m", Digest.parse("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"),
          "{}".getBytes(StandardCharsets.UTF_8));
      t.pushManifest("auth/acme/m", "1.0.0", "application/vnd.oci.image.manifest.v1+json", manifest);
      Transport.Fetched f = t.fetchManifest("auth/acme/m", "1.0.0").orElseThrow();
      assertThat(f.digest()).isEqualTo(Digest.sha256(manifest));
      assertThat(t.fetchManifest("auth/acme/m", f.digest().toString()).orElseThrow().bytes()).isEqualTo(manifest);
      assertThat(t.listTags("auth/acme/m")).containsExactly("1.0.0");
      assertThat(t.fetchManifest("auth/acme/m", "9.9.9")).isEmpty();
    }
  }

  @Test
  void unreachableRegistryIsAClearError() {
    try (Transport t = Registries.open(RegistryRef.parse("http://127.0.0.1:1/x", false), new Credentials(Map.of(), home))) {
      assertThatThrownBy(() -> t.listTags("x/acme/y")).hasMessageContaining("TANK-E-UNREACHABLE").hasMessageContaining("127.0.0.1:1");
    }
  }
}
