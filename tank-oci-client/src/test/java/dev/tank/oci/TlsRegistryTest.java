package dev.tank.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tank.Tank;
import dev.tank.install.Installer;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import dev.tank.testing.DistributionRegistry;
import dev.tank.testing.SkillFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registries over HTTPS, as every hosted registry is reached: a real registry serving a certificate
 * from a private certificate authority, both made with the real {@code openssl}. The JVM does not
 * trust that authority; {@code TANK_CA_FILE} adds it.
 */
class TlsRegistryTest {
  @TempDir static Path pki;
  static DistributionRegistry registry;
  /** Same authority, but a certificate for another host name only. */
  static DistributionRegistry otherHost;
  @TempDir Path tmp;

  @BeforeAll
  static void start() throws Exception {
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Tank Test CA",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    serverCertificate("server", "IP:127.0.0.1");
    serverCertificate("other", "DNS:registry.example.test");
    registry = DistributionRegistry.startWithTls(new DistributionRegistry.Tls(pki.resolve("server.pem"), pki.resolve("server.key")));
    otherHost = DistributionRegistry.startWithTls(new DistributionRegistry.Tls(pki.resolve("other.pem"), pki.resolve("other.key")));
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
    if (otherHost != null) {
      otherHost.close();
    }
  }

  private static void serverCertificate(String name, String subjectAltName) throws Exception {
    openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", name + ".key",
        "-out", name + ".csr", "-subj", "/CN=tank-test-registry", "-addext", "subjectAltName=" + subjectAltName);
    openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", name + ".pem", "-days", "2", "-copy_extensions", "copy");
  }

  private static void openssl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(pki.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("openssl %s: %s", String.join(" ", args), out).isZero();
  }

  private Tank tank(DistributionRegistry r, Path project, Map<String, String> env) {
    return Tank.builder().projectDir(project).registry(r.url() + "/tls").cacheDir(tmp.resolve("cache")).env(env).home(tmp)
        .lockWait(Duration.ofSeconds(20)).build();
  }

  private Map<String, String> trusting() {
    return Map.of("TANK_CA_FILE", pki.resolve("ca.pem").toString());
  }

  @Test
  void publishAndInstallOverHttpsWithAPrivateAuthority() throws IOException {
    assertThat(registry.url()).startsWith("https://127.0.0.1:");
    Path skill = SkillFixtures.skill(tmp.resolve("skills"), "secure", "1.0.0", Map.of());
    try (Tank t = tank(registry, tmp, trusting())) {
      t.publish(skill, false);
    }
    Path project = SkillFixtures.project(tmp.resolve("project"), Map.of("@acme/secure", "^1.0.0"));
    try (Tank t = tank(registry, project, trusting())) {
      Installer.Result r = t.install(Installer.Options.install());
      assertThat(r.installed()).extracting(Installer.InstalledSkill::name).containsExactly("@acme/secure");
    }
    assertThat(project.resolve(".agents/skills/secure/SKILL.md")).exists();
  }

  @Test
  void anAuthorityTheJvmDoesNotKnowIsRefusedWithTheWayOut() {
    Path project = SkillFixtures.project(tmp.resolve("project"), Map.of("@acme/secure", "^1.0.0"));
    try (Tank t = tank(registry, project, Map.of())) {
      assertThatThrownBy(() -> t.install(Installer.Options.install()))
          .isInstanceOfSatisfying(TankException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNREACHABLE);
            assertThat(e.getMessage()).contains("TLS certificate is not signed by an authority Tank trusts");
            assertThat(e.hint()).contains("TANK_CA_FILE");
          });
    }
    assertThat(project.resolve(".agents")).doesNotExist();
  }

  @Test
  void aCertificateForAnotherHostIsRefusedEvenFromATrustedAuthority() {
    Path project = SkillFixtures.project(tmp.resolve("project"), Map.of("@acme/secure", "^1.0.0"));
    try (Tank t = tank(otherHost, project, trusting())) {
      assertThatThrownBy(() -> t.install(Installer.Options.install()))
          .isInstanceOfSatisfying(TankException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNREACHABLE);
            assertThat(e.getMessage()).contains("TLS certificate is for another host").contains("127.0.0.1");
            assertThat(e.hint()).isNotBlank();
          });
    }
  }

  @Test
  void aMissingOrEmptyAuthorityFileIsAUsageErrorNamingIt() throws IOException {
    Path project = SkillFixtures.project(tmp.resolve("project"), Map.of("@acme/secure", "^1.0.0"));
    Path missing = tmp.resolve("no-such-ca.pem");
    try (Tank t = tank(registry, project, Map.of("TANK_CA_FILE", missing.toString()))) {
      assertThatThrownBy(() -> t.install(Installer.Options.install()))
          .isInstanceOfSatisfying(TankException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
            assertThat(e.getMessage()).contains("TANK_CA_FILE").contains("does not exist").contains(missing.toString());
          });
    }
    Path empty = Files.writeString(tmp.resolve("empty.pem"), "not a certificate\n");
    try (Tank t = tank(registry, project, Map.of("TANK_CA_FILE", empty.toString()))) {
      assertThatThrownBy(() -> t.install(Installer.Options.install()))
          .isInstanceOfSatisfying(TankException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
            assertThat(e.getMessage()).contains("TANK_CA_FILE").contains(empty.toString());
            assertThat(e.hint()).contains("BEGIN CERTIFICATE");
          });
    }
  }
}
