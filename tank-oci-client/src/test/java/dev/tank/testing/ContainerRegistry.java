package dev.tank.testing;

import com.github.dockerjava.api.exception.ConflictException;
import dev.tank.testing.DistributionRegistry.Layout;
import dev.tank.testing.DistributionRegistry.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.ToStringConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The container backend of {@link DistributionRegistry}: {@code registry:2.8.3} (distribution
 * 2.8.x, as the Debian package of the process backend) run by Testcontainers. The config, htpasswd
 * and root certificate are copied into the container at fixed paths; the storage root is a bind
 * mount of the temp folder's {@code data}, so {@link DistributionRegistry#storage()} works as with
 * the process. Only {@link DistributionRegistry} refers to this class, and only once the container
 * backend is chosen, so JVMs without Docker never load Testcontainers.
 */
final class ContainerRegistry implements DistributionRegistry.Instance {
  /** The image, overridable with this system property (e.g. a mirror's copy). */
  static final String IMAGE_PROPERTY = "tank.test.registry.image";

  static final String DEFAULT_IMAGE = "registry:2.8.3";
  private static final int PORT = 5000;
  private static final String CONFIG = "/etc/docker/registry/config.yml";

  /** Where the registry inside the container finds its files. */
  static final Layout LAYOUT =
      new Layout(
          ":" + PORT,
          "/var/lib/registry",
          "/etc/docker/registry/htpasswd",
          "/etc/docker/registry/rootcert.pem");

  /**
   * The registry runs as root in the container. With umask 0 the folders and files it writes into
   * the bind mount are writable by everyone, so tests can tamper with them and the host user can
   * delete them.
   */
  private static final String SERVE = "umask 0 && exec registry serve " + CONFIG;

  private final GenericContainer<?> container;
  private final ToStringConsumer logs;
  private final Path dir;
  private final String host;
  private final int port;

  private ContainerRegistry(GenericContainer<?> container, ToStringConsumer logs, Path dir) {
    this.container = container;
    this.logs = logs;
    this.dir = dir;
    this.host = container.getHost();
    this.port = container.getMappedPort(PORT);
  }

  /** Whether Testcontainers finds a Docker engine (slow without one: see DistributionRegistry). */
  static boolean dockerAvailable() {
    return DockerClientFactory.instance().isDockerAvailable();
  }

  /**
   * Starts the container and waits until {@code /v2/} answers 200 or 401. Returns the interface
   * type so that callers need not load this class to check the result's type.
   */
  static DistributionRegistry.Instance start(Settings settings) {
    String image = System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE);
    Path dir = prepareFolder(settings);
    ToStringConsumer logs = new ToStringConsumer();
    GenericContainer<?> container = container(image, settings, dir, logs);
    try {
      container.start();
    } catch (RuntimeException e) {
      container.stop();
      deleteQuietly(dir);
      throw new IllegalStateException(
          "the registry container (" + image + ") did not start: " + e + "\n" + logs.toUtf8String(),
          e);
    }
    return new ContainerRegistry(container, logs, dir);
  }

  /** A temp folder with the storage root {@code data}, {@code config.yml} and the htpasswd file. */
  private static Path prepareFolder(Settings settings) {
    try {
      Path dir = Files.createTempDirectory("tank-registry-");
      Files.createDirectories(dir.resolve("data"));
      Files.writeString(dir.resolve("config.yml"), DistributionRegistry.config(settings, LAYOUT));
      if (settings.user() != null) {
        DistributionRegistry.writeHtpasswd(settings, dir.resolve("htpasswd"));
      }
      return dir;
    } catch (IOException e) {
      throw new IllegalStateException("cannot prepare the registry's folder: " + e, e);
    }
  }

  private static GenericContainer<?> container(
      String image, Settings settings, Path dir, ToStringConsumer logs) {
    GenericContainer<?> c =
        new GenericContainer<>(DockerImageName.parse(image))
            .withExposedPorts(PORT)
            .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("/bin/sh", "-c", SERVE))
            .withCopyFileToContainer(hostFile(dir.resolve("config.yml")), CONFIG)
            .withFileSystemBind(
                dir.resolve("data").toString(), LAYOUT.storage(), BindMode.READ_WRITE)
            .withLogConsumer(logs)
            .waitingFor(
                Wait.forHttp("/v2/")
                    .forStatusCode(200)
                    .forStatusCode(401)
                    .withStartupTimeout(Duration.ofSeconds(30)));
    if (settings.user() != null) {
      c.withCopyFileToContainer(hostFile(dir.resolve("htpasswd")), LAYOUT.htpasswd());
    }
    if (settings.token() != null) {
      c.withCopyFileToContainer(hostFile(settings.token().rootCert()), LAYOUT.rootCert());
    }
    return c;
  }

  /** A host file to copy into the container, readable by the registry whatever its user. */
  private static MountableFile hostFile(Path file) {
    return MountableFile.forHostPath(file, 0644);
  }

  @Override
  public String host() {
    return host;
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
    return logs.toUtf8String();
  }

  /** Sends SIGKILL (no graceful stop) and waits until Docker reports the container stopped. */
  @Override
  public void kill() {
    if (!container.isRunning()) {
      return;
    }
    try {
      container.getDockerClient().killContainerCmd(container.getContainerId()).exec();
    } catch (ConflictException alreadyStopped) {
      return;
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (container.isRunning() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Removes the container, then the temp folder as far as the host user may. */
  @Override
  public void close() {
    container.stop();
    deleteQuietly(dir);
  }

  /**
   * Best effort: with umask 0 (see {@link #SERVE}) the host user can delete what the registry
   * wrote, but an image that ignores it, or a user namespace, may leave files only root can remove.
   * A leftover temp folder must not fail a test that passed.
   */
  private static void deleteQuietly(Path dir) {
    try {
      TestFiles.deleteTree(dir);
    } catch (IllegalStateException e) {
      System.err.println("DistributionRegistry: could not delete " + dir + ": " + e.getMessage());
    }
  }
}
