package dev.tank.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tank.testing.DistributionRegistry.Backend;
import dev.tank.testing.DistributionRegistry.Layout;
import dev.tank.testing.DistributionRegistry.Settings;
import dev.tank.testing.DistributionRegistry.TokenAuth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * How {@link DistributionRegistry} picks its backend, and that the one picked on this machine
 * serves the registry API. The container backend can only start where a Docker engine is; without
 * one, the tests check that asking for it fails, never that it is skipped.
 */
class DistributionRegistryTest {
  private static final BooleanSupplier DOCKER = () -> true;
  private static final BooleanSupplier NO_DOCKER = () -> false;

  @Test
  void autoUsesTheContainerWhereDockerIs() {
    assertThat(DistributionRegistry.choose("auto", DOCKER)).isEqualTo(Backend.CONTAINER);
  }

  @Test
  void autoUsesTheProcessWithoutDocker() {
    assertThat(DistributionRegistry.choose("auto", NO_DOCKER)).isEqualTo(Backend.PROCESS);
  }

  @Test
  void processNeverProbesForDocker() {
    AtomicInteger probes = new AtomicInteger();
    BooleanSupplier counting =
        () -> {
          probes.incrementAndGet();
          return true;
        };

    assertThat(DistributionRegistry.choose("process", counting)).isEqualTo(Backend.PROCESS);
    assertThat(probes).hasValue(0);
  }

  @Test
  void containerWithDockerIsTheContainer() {
    assertThat(DistributionRegistry.choose("container", DOCKER)).isEqualTo(Backend.CONTAINER);
  }

  @Test
  void containerWithoutDockerFailsNamingTheSettingAndTheAlternative() {
    assertThatThrownBy(() -> DistributionRegistry.choose("container", NO_DOCKER))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tank.test.registry=container")
        .hasMessageContaining("TANK_TEST_REGISTRY")
        .hasMessageContaining("Docker")
        .hasMessageContaining("tank.test.registry=process");
  }

  @Test
  void unknownSettingFailsListingTheValues() {
    assertThatThrownBy(() -> DistributionRegistry.choose("podman", DOCKER))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tank.test.registry")
        .hasMessageContaining("auto, process, container")
        .hasMessageContaining("'podman'");
  }

  @Test
  void settingIsCaseAndSpaceInsensitive() {
    assertThat(DistributionRegistry.choose(" Process ", DOCKER)).isEqualTo(Backend.PROCESS);
  }

  @Test
  void systemPropertyWinsOverEnvironmentAndAutoIsTheDefault() {
    assertThat(DistributionRegistry.setting("process", "container")).isEqualTo("process");
    assertThat(DistributionRegistry.setting(null, "container")).isEqualTo("container");
    assertThat(DistributionRegistry.setting(" ", "")).isEqualTo("auto");
    assertThat(DistributionRegistry.setting(null, null)).isEqualTo("auto");
  }

  @Test
  void configTakesEveryPathFromTheLayout() {
    Path hostCert = Path.of("/tmp/somewhere/cert.pem");
    Settings token =
        new Settings(null, null, new TokenAuth("http://r/token", "svc", "iss", hostCert));
    Layout inside = new Layout(":5000", "/var/lib/registry", "/etc/h", "/etc/cert.pem");

    String cfg = DistributionRegistry.config(token, inside);

    assertThat(cfg)
        .contains("http:\n  addr: :5000\n")
        .contains("rootdirectory: /var/lib/registry\n")
        .contains("rootcertbundle: /etc/cert.pem\n")
        .doesNotContain(hostCert.toString());
    assertThat(DistributionRegistry.config(new Settings("u", "p", null), inside))
        .contains("auth:\n  htpasswd:\n    realm: tank-test\n    path: /etc/h\n");
  }

  @Test
  void tlsGoesUnderHttpWithTheHostPaths() {
    Layout process = new Layout("127.0.0.1:4321", "/t/data", "/t/htpasswd", null);
    Settings tls = new Settings(null, null, null,
        new DistributionRegistry.Tls(Path.of("/k/server.pem"), Path.of("/k/server.key")));

    assertThat(DistributionRegistry.config(tls, process))
        .contains("http:\n  addr: 127.0.0.1:4321\n  tls:\n    certificate: /k/server.pem\n    key: /k/server.key\n");
  }

  @Test
  void configIsTheSameForTheProcessAsBefore() {
    Layout process = new Layout("127.0.0.1:4321", "/t/data", "/t/htpasswd", null);

    assertThat(DistributionRegistry.config(new Settings("u", "p", null), process))
        .isEqualTo(
            "version: 0.1\n"
                + "log:\n  level: error\n  accesslog:\n    disabled: true\n"
                + "storage:\n  filesystem:\n    rootdirectory: /t/data\n"
                + "  delete:\n    enabled: true\n"
                + "http:\n  addr: 127.0.0.1:4321\n"
                + "auth:\n  htpasswd:\n    realm: tank-test\n    path: /t/htpasswd\n");
  }

  @Test
  void autoStartsTheBackendThisMachineSupportsAndItServesTheApi() throws Exception {
    Backend expected = DistributionRegistry.dockerAvailable() ? Backend.CONTAINER : Backend.PROCESS;

    try (DistributionRegistry registry = DistributionRegistry.startOn("auto", Settings.open())) {
      assertThat(registry.backend()).isEqualTo(expected);
      assertThat(registry.url()).isEqualTo("http://" + registry.hostPort());
      assertThat(registry.hostPort()).endsWith(":" + registry.port());
      if (expected == Backend.PROCESS) {
        assertThat(registry.url()).isEqualTo("http://127.0.0.1:" + registry.port());
      }
      assertThat(v2Status(registry)).isEqualTo(200);
    }
  }

  @Test
  void forcedContainerStartsWhereDockerIsAndFailsClearlyWhereItIsNot() throws Exception {
    if (DistributionRegistry.dockerAvailable()) {
      try (DistributionRegistry registry =
          DistributionRegistry.startOn("container", new Settings("tank", "s3cret", null))) {
        assertThat(registry.backend()).isEqualTo(Backend.CONTAINER);
        assertThat(v2Status(registry)).isEqualTo(401);
      }
    } else {
      assertThatThrownBy(() -> DistributionRegistry.startOn("container", Settings.open()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("tank.test.registry=container")
          .hasMessageContaining("tank.test.registry=process");
    }
  }

  private static int v2Status(DistributionRegistry registry) throws Exception {
    HttpRequest get = HttpRequest.newBuilder(URI.create(registry.url() + "/v2/")).build();
    return HttpClient.newHttpClient()
        .send(get, HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
