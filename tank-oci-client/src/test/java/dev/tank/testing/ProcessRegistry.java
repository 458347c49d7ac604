package dev.tank.testing;

import dev.tank.testing.DistributionRegistry.Layout;
import dev.tank.testing.DistributionRegistry.Settings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The process backend of {@link DistributionRegistry}: the Debian {@code docker-registry} binary
 * serving on a free loopback port, with its config, htpasswd, log and storage in one temp folder.
 * It needs no Docker engine, which the build machines lack.
 */
final class ProcessRegistry implements DistributionRegistry.Instance {
  private static final String HOST = "127.0.0.1";

  private final Process process;
  private final int port;
  private final Path dir;
  private final boolean tls;

  private ProcessRegistry(Process process, int port, Path dir, boolean tls) {
    this.process = process;
    this.port = port;
    this.dir = dir;
    this.tls = tls;
  }

  /** Starts the binary and waits until {@code /v2/} answers 200 or 401. */
  static ProcessRegistry start(Settings settings) {
    try {
      Path binary = findBinary();
      Path dir = Files.createTempDirectory("tank-registry-");
      int port = freePort();
      Path htpasswd = dir.resolve("htpasswd");
      String rootCert = settings.token() == null ? null : settings.token().rootCert().toString();
      Layout layout =
          new Layout(
              HOST + ":" + port, dir.resolve("data").toString(), htpasswd.toString(), rootCert);
      if (settings.user() != null) {
        DistributionRegistry.writeHtpasswd(settings, htpasswd);
      }
      Path config = dir.resolve("config.yml");
      Files.writeString(config, DistributionRegistry.config(settings, layout));
      Process p =
          new ProcessBuilder(List.of(binary.toString(), "serve", config.toString()))
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("registry.log").toFile())
              .start();
      ProcessRegistry r = new ProcessRegistry(p, port, dir, settings.tls() != null);
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

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void awaitReady() {
    if (tls ? !awaitListening() : !DistributionRegistry.awaitV2("http://" + HOST + ":" + port, process::isAlive, code -> code == 200 || code == 401)) {
      boolean exited = !process.isAlive();
      close();
      throw new IllegalStateException("docker-registry " + (exited ? "exited" : "did not become ready") + ": " + log());
    }
  }


  /**
   * For HTTPS: until the port takes connections (the registry opens it once its config, TLS
   * files included, has loaded). The tests then speak TLS with their own trust.
   */
  private boolean awaitListening() {
    return DistributionRegistry.await(process::isAlive, () -> {
      try (java.net.Socket s = new java.net.Socket()) {
        s.connect(new java.net.InetSocketAddress(HOST, port), 500);
        return true;
      } catch (IOException notYet) {
        return false;
      }
    });
  }

  @Override
  public boolean tls() {
    return tls;
  }

  @Override
  public String host() {
    return HOST;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public Path storage() {
    return dir.resolve("data");
  }

  @Override
  public String log() {
    try {
      return Files.readString(dir.resolve("registry.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log)";
    }
  }

  @Override
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
