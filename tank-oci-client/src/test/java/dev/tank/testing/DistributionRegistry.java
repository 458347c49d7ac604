package dev.tank.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * A real CNCF distribution registry for tests, with its own storage folder. Two backends run the
 * same registry (distribution 2.8.x) with the same config: Testcontainers with {@code
 * registry:2.8.3} where a Docker engine is available, otherwise the Debian {@code docker-registry}
 * binary started as a process on a free loopback port. The build machines have no Docker engine, so
 * there the binary is the registry tests use.
 *
 * <p>The system property {@code tank.test.registry} or the environment variable {@code
 * TANK_TEST_REGISTRY} chooses: {@code auto} (the default), {@code process} or {@code container}. A
 * registry is never silently skipped: a missing binary, or a forced container without Docker, fails
 * the test and says what to do.
 */
public final class DistributionRegistry implements AutoCloseable {
  static final String SETTING_PROPERTY = "tank.test.registry";
  static final String SETTING_ENV = "TANK_TEST_REGISTRY";

  /** Where the registry runs. */
  enum Backend {
    PROCESS,
    CONTAINER
  }

  /**
   * A running registry of either backend. Kept apart from {@link DistributionRegistry} so that the
   * Testcontainers classes are loaded only when the container backend is chosen.
   */
  interface Instance {
    /** The host to reach the registry at from this machine. */
    String host();

    int port();

    /** The registry's storage root, as a folder on this machine. */
    Path storage();

    String log();

    /** Stops the registry at once, as a crash would; waits until it is gone. */
    void kill();

    /** Stops the registry and deletes what it left. */
    void close();

    /** Whether it serves HTTPS. */
    default boolean tls() {
      return false;
    }
  }

  /**
   * What a test asked for: Basic auth ({@code user} set), bearer tokens ({@code token} set) or an
   * open registry. Each backend writes it into a config with its own paths and listen address.
   */
  record Settings(String user, String password, TokenAuth token, Tls tls) {
    Settings(String user, String password, TokenAuth token) {
      this(user, password, token, null);
    }

    static Settings open() {
      return new Settings(null, null, null);
    }
  }

  /** HTTPS with this certificate and key (PEM files on the host; the process backend only). */
  public record Tls(Path certificate, Path key) {}

  /**
   * Bearer tokens from {@code realm}, signed by the key of the PEM certificate {@code rootCert}.
   */
  record TokenAuth(String realm, String service, String issuer, Path rootCert) {}

  /** The listen address and the paths as the registry itself sees them (see {@link #config}). */
  record Layout(String addr, String storage, String htpasswd, String rootCert) {}

  private final Backend backend;
  private final Instance instance;

  private DistributionRegistry(Backend backend, Instance instance) {
    this.backend = backend;
    this.instance = instance;
  }

  /** Starts an open registry. */
  public static DistributionRegistry start() {
    return start(Settings.open());
  }

  /**
   * Starts a registry that requires bearer tokens from {@code realm}, signed by the key of the
   * certificate {@code rootCert} (PEM), for {@code service}, issued by {@code issuer}.
   */
  public static DistributionRegistry startWithTokenAuth(
      String realm, String service, String issuer, Path rootCert) {
    return start(new Settings(null, null, new TokenAuth(realm, service, issuer, rootCert)));
  }

  /**
   * Starts an open registry that serves HTTPS with {@code tls}. Always the docker-registry binary:
   * the certificate files and the readiness check are set up for a process on this host (like the
   * restartable registry of the fault tests).
   */
  public static DistributionRegistry startWithTls(Tls tls) {
    return startOn("process", new Settings(null, null, null, tls));
  }

  /** Starts a registry that requires HTTP Basic auth with {@code user}/{@code password}. */
  public static DistributionRegistry start(String user, String password) {
    return start(new Settings(user, password, null));
  }

  private static DistributionRegistry start(Settings settings) {
    return startOn(
        setting(System.getProperty(SETTING_PROPERTY), System.getenv(SETTING_ENV)), settings);
  }

  /**
   * Starts a registry on the backend {@code setting} ({@code auto}, {@code process}, ...) asks for.
   */
  static DistributionRegistry startOn(String setting, Settings settings) {
    Backend backend = choose(setting, DistributionRegistry::dockerAvailable);
    Instance instance =
        backend == Backend.CONTAINER
            ? ContainerRegistry.start(settings)
            : ProcessRegistry.start(settings);
    return new DistributionRegistry(backend, instance);
  }

  /** The backend setting: the system property, else the environment variable, else {@code auto}. */
  static String setting(String property, String env) {
    if (property != null && !property.isBlank()) {
      return property;
    }
    if (env != null && !env.isBlank()) {
      return env;
    }
    return "auto";
  }

  /**
   * The backend for {@code setting}. {@code dockerAvailable} is asked only when the answer depends
   * on it, so {@code process} never probes for Docker.
   */
  static Backend choose(String setting, BooleanSupplier dockerAvailable) {
    switch (setting.trim().toLowerCase(Locale.ROOT)) {
      case "auto":
        return dockerAvailable.getAsBoolean() ? Backend.CONTAINER : Backend.PROCESS;
      case "process":
        return Backend.PROCESS;
      case "container":
        if (dockerAvailable.getAsBoolean()) {
          return Backend.CONTAINER;
        }
        throw new IllegalStateException(
            String.format(
                "%1$s=container (or %2$s=container) needs a Docker engine for Testcontainers, and"
                    + " none is available; start one, or use %1$s=process to run the"
                    + " docker-registry binary instead",
                SETTING_PROPERTY, SETTING_ENV));
      default:
        throw new IllegalStateException(
            String.format(
                "%s (or %s) must be one of auto, process, container; got '%s'",
                SETTING_PROPERTY, SETTING_ENV, setting));
    }
  }

  /** Whether Testcontainers can reach a Docker engine; probed once per JVM. */
  static boolean dockerAvailable() {
    return DockerProbe.AVAILABLE;
  }

  /**
   * Asks Testcontainers only when something points at a Docker engine: its probe loads
   * Testcontainers and, with no engine, tries each way it knows to reach one, which costs every
   * test JVM on the build machines about a second. A holder class, so the probe runs once, when
   * first needed.
   */
  private static final class DockerProbe {
    static final boolean AVAILABLE = dockerHinted() && ContainerRegistry.dockerAvailable();

    private static boolean dockerHinted() {
      String dockerHost = System.getenv("DOCKER_HOST");
      return (dockerHost != null && !dockerHost.isBlank())
          || Files.exists(Path.of("/var/run/docker.sock"))
          || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
    }
  }

  /** The registry's {@code config.yml} for {@code settings}, with the paths of {@code layout}. */
  static String config(Settings settings, Layout layout) {
    StringBuilder cfg =
        new StringBuilder()
            .append("version: 0.1\n")
            .append("log:\n  level: error\n  accesslog:\n    disabled: true\n")
            .append("storage:\n  filesystem:\n    rootdirectory: ")
            .append(layout.storage())
            .append('\n')
            .append("  delete:\n    enabled: true\n")
            .append("http:\n  addr: ")
            .append(layout.addr())
            .append('\n');
    if (settings.tls() != null) {
      cfg.append("  tls:\n    certificate: ")
          .append(settings.tls().certificate())
          .append("\n    key: ")
          .append(settings.tls().key())
          .append('\n');
    }
    if (settings.user() != null) {
      cfg.append("auth:\n  htpasswd:\n    realm: tank-test\n    path: ")
          .append(layout.htpasswd())
          .append('\n');
    }
    TokenAuth token = settings.token();
    if (token != null) {
      cfg.append("auth:\n  token:\n    realm: ")
          .append(token.realm())
          .append("\n    service: ")
          .append(token.service())
          .append("\n    issuer: ")
          .append(token.issuer())
          .append("\n    rootcertbundle: ")
          .append(layout.rootCert())
          .append('\n');
    }
    return cfg.toString();
  }

  /** Writes the htpasswd file (bcrypt) for the Basic-auth user of {@code settings}. */
  static void writeHtpasswd(Settings settings, Path file) throws IOException {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    String hash = OpenBSDBCrypt.generate("2y", settings.password().toCharArray(), salt, 5);
    Files.writeString(file, settings.user() + ":" + hash + "\n");
  }

  /** Which backend runs this registry. */
  Backend backend() {
    return backend;
  }

  public String log() {
    return instance.log();
  }

  public int port() {
    return instance.port();
  }

  /**
   * Base URL, {@code http://HOST:PORT}: the loopback address {@code 127.0.0.1} for the process, the
   * host Testcontainers maps the container's port to otherwise.
   */
  public String url() {
    return (instance.tls() ? "https://" : "http://") + hostPort();
  }

  /** Host and port, {@code HOST:PORT} (see {@link #url()}). */
  public String hostPort() {
    return instance.host() + ":" + instance.port();
  }

  /** Where the registry stores blobs and manifests (tests use it to tamper with stored content). */
  public Path storage() {
    return instance.storage();
  }

  /** Kills the registry at once (fault tests). */
  public void kill() {
    instance.kill();
  }

  @Override
  public void close() {
    instance.close();
  }

  /**
   * Polls {@code baseUrl/v2/} for up to 30 s until its status passes {@code ready}; false when it
   * never did or {@code alive} turned false (the process exited). Shared by every registry
   * the tests start.
   */
  public static boolean awaitV2(String baseUrl, BooleanSupplier alive, IntPredicate ready) {
    return await(alive, () -> {
      try {
        HttpURLConnection c = (HttpURLConnection) URI.create(baseUrl + "/v2/").toURL().openConnection();
        c.setConnectTimeout(500);
        c.setReadTimeout(2000);
        int code = c.getResponseCode();
        c.disconnect();
        return ready.test(code);
      } catch (IOException notYet) {
        return false; // still starting
      }
    });
  }

  /** Asks {@code ready} every 20 ms for up to 30 s, while {@code alive}; whether it said yes. */
  static boolean await(BooleanSupplier alive, BooleanSupplier ready) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline && alive.getAsBoolean()) {
      if (ready.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }
}
