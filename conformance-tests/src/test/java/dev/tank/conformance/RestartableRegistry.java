package dev.tank.conformance;

import dev.tank.testing.DistributionRegistry;
import dev.tank.testing.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real CNCF distribution registry (the Debian {@code docker-registry} binary) that fault tests can
 * kill and start again on the same port and the same storage, as a crashed and restarted server
 * would be. {@code dev.tank.testing.DistributionRegistry} picks a new port and folder on every start
 * and deletes the folder on close, so it cannot come back as the same registry. It always runs the
 * binary, never {@code DistributionRegistry}'s container backend: a container, once killed, comes back
 * on a new mapped port, and restarting on the same port and storage is what these fault tests need.
 */
final class RestartableRegistry implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/bin/docker-registry");

  private final Path dir;
  private final int port;
  private Process process;

  private RestartableRegistry(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** Starts a registry on a free loopback port with a fresh storage folder. */
  static RestartableRegistry start() {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException("the CNCF distribution registry is not installed; run: apt-get install -y docker-registry");
    }
    try {
      Path dir = Files.createTempDirectory("tank-restartable-registry-");
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      Files.writeString(dir.resolve("config.yml"), "version: 0.1\n"
          + "log:\n  level: error\n  accesslog:\n    disabled: true\n"
          + "storage:\n  filesystem:\n    rootdirectory: " + dir.resolve("data") + "\n"
          + "  delete:\n    enabled: true\n"
          + "http:\n  addr: 127.0.0.1:" + port + "\n");
      RestartableRegistry r = new RestartableRegistry(dir, port);
      r.restart();
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:PORT}; the same across restarts. */
  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Whether the registry process is running. */
  synchronized boolean alive() {
    return process != null && process.isAlive();
  }

  /** Kills the process at once (SIGKILL), as a crash would; waits until it is gone. */
  synchronized void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("docker-registry did not die within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** Starts the registry again on the same port and storage (killing a running one first). */
  synchronized void restart() {
    kill();
    IllegalStateException last = null;
    // The port was ours a moment ago; another process could take it in between, which start() reports.
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        process = new ProcessBuilder(List.of(BINARY.toString(), "serve", dir.resolve("config.yml").toString()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("registry.log").toFile()))
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      try {
        awaitReady();
        return;
      } catch (IllegalStateException e) {
        last = e;
        kill();
      }
    }
    throw last;
  }

  private void awaitReady() {
    if (!DistributionRegistry.awaitV2(url(), process::isAlive, code -> code == 200)) {
      throw new IllegalStateException("docker-registry " + (process.isAlive() ? "did not become ready" : "exited") + ": " + log());
    }
  }

  String log() {
    try {
      return Files.readString(dir.resolve("registry.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log)";
    }
  }

  @Override
  public synchronized void close() {
    kill();
    TestFiles.deleteTree(dir);
  }
}
