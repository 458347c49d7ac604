package dev.tank.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * A real CNCF distribution registry for tests: the Debian {@code docker-registry} binary started
 * as a process on a free loopback port with its own storage folder. There is no Docker engine on
 * the build machines, so this is the real registry tests use; it is never silently skipped — a
 * missing binary fails the test with the command that installs it.
 */
public final class DistributionRegistry implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path dir;

  private DistributionRegistry(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /** Starts an open registry. */
  public static DistributionRegistry start() {
    return start(null, null);
  }

  /**
   * Starts a registry that requires bearer tokens from {@code realm}, signed by the key of the
   * certificate {@code rootCert} (PEM), for {@code service}, issued by {@code issuer}.
   */
  public static DistributionRegistry startWithTokenAuth(String realm, String service, String issuer, Path rootCert) {
    return start(null, null,
        "auth:\n  token:\n    realm: " + realm + "\n    service: " + service + "\n    issuer: " + issuer
            + "\n    rootcertbundle: " + rootCert + "\n");
  }

  /** Starts a registry that requires HTTP Basic auth with {@code user}/{@code password}. */
  public static DistributionRegistry start(String user, String password) {
    return start(user, password, null);
  }

  private static DistributionRegistry start(String user, String password, String authYaml) {
    try {
      Path binary = findBinary();
      Path dir = Files.createTempDirectory("tank-registry-");
      int port = freePort();
      StringBuilder cfg = new StringBuilder()
          .append("version: 0.1\n")
          .append("log:\n  level: error\n  accesslog:\n    disabled: true\n")
          .append("storage:\n  filesystem:\n    rootdirectory: ").append(dir.resolve("data")).append('\n')
          .append("  delete:\n    enabled: true\n")
          .append("http:\n  addr: 127.0.0.1:").append(port).append('\n');
      if (user != null) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        String hash = OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, 5);
        Files.writeString(dir.resolve("htpasswd"), user + ":" + hash + "\n");
        cfg.append("auth:\n  htpasswd:\n    realm: tank-test\n    path: ").append(dir.resolve("htpasswd")).append('\n');
      }
      if (authYaml != null) {
        cfg.append(authYaml);
      }
      Path config = dir.resolve("config.yml");
      Files.writeString(config, cfg.toString());
      Process p = new ProcessBuilder(List.of(binary.toString(), "serve", config.toString()))
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve("registry.log").toFile())
          .start();
      DistributionRegistry r = new DistributionRegistry(p, port, dir);
      r.awaitReady();
      return r;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start docker-registry: " + e, e);
    }
  }

  private static Path findBinary() {
    for (String c : List.of("/usr/bin/docker-registry", "/usr/local/bin/docker-registry")) {
      if (Files.isExecutable(Path.of(c))) {
        return Path.of(c);
      }
    }
    throw new IllegalStateException(
        "the CNCF distribution registry is not installed; run: apt-get install -y docker-registry"
            + " (.ci/run does this)");
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("docker-registry exited: " + log());
      }
      try {
        HttpURLConnection c = (HttpURLConnection) URI.create(url() + "/v2/").toURL().openConnection();
        c.setConnectTimeout(500);
        int code = c.getResponseCode();
        c.disconnect();
        if (code == 200 || code == 401) {
          return;
        }
      } catch (IOException ignored) {
        // not up yet
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    close();
    throw new IllegalStateException("docker-registry did not become ready: " + log());
  }

  public String log() {
    try {
      return Files.readString(dir.resolve("registry.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log)";
    }
  }

  public int port() {
    return port;
  }

  /** Base URL, {@code http://127.0.0.1:PORT}. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Host and port, {@code 127.0.0.1:PORT}. */
  public String hostPort() {
    return "127.0.0.1:" + port;
  }

  /** Where the registry stores blobs and manifests (tests use it to tamper with stored content). */
  public Path storage() {
    return dir.resolve("data");
  }

  /** Kills the process at once (fault tests). */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    kill();
    TestFiles.deleteTree(dir);
  }
}
