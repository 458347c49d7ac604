package dev.tank.oci;

import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import land.oras.ContainerRef;
import land.oras.auth.AuthStore;

/**
 * Finds credentials for a registry host, in this order: {@code TANK_REGISTRY_TOKEN} (a bearer
 * token sent as is), {@code TANK_REGISTRY_USERNAME} + {@code TANK_REGISTRY_PASSWORD}, then Docker's
 * {@code config.json} ({@code $DOCKER_CONFIG} or {@code ~/.docker}), {@code REGISTRY_AUTH_FILE} and
 * containers' {@code auth.json}, including {@code credHelpers}/{@code credsStore} helpers. Reading
 * Docker's files is delegated to oras-java's {@link AuthStore}, which handles helpers well.
 */
public final class Credentials {
  /** What to send: a bearer token, or user and password for Basic or for a token service. */
  public record Secret(String username, String password, String bearerToken) {
    String basicHeader() {
      return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
      return bearerToken != null ? "Secret[token]" : "Secret[user=" + username + "]";
    }
  }

  private final Map<String, String> env;
  private final Path home;

  /** The environment credentials are read from (also carries TANK_* transport settings). */
  public Map<String, String> env() {
    return env;
  }

  public Credentials(Map<String, String> env, Path home) {
    this.env = env;
    this.home = home;
  }

  /** Credentials for {@code host} ({@code name[:port]}), or null when none are configured. */
  public Secret forHost(String host) {
    String token = env.get("TANK_REGISTRY_TOKEN");
    if (token != null && !token.isEmpty()) {
      return new Secret(null, null, token);
    }
    String user = env.get("TANK_REGISTRY_USERNAME");
    String pass = env.get("TANK_REGISTRY_PASSWORD");
    if (user != null && pass != null) {
      return new Secret(user, pass, null);
    }
    List<Path> files = new ArrayList<>();
    String dockerConfig = env.get("DOCKER_CONFIG");
    files.add(dockerConfig != null ? Path.of(dockerConfig, "config.json") : home.resolve(".docker").resolve("config.json"));
    if (env.get("REGISTRY_AUTH_FILE") != null) {
      files.add(Path.of(env.get("REGISTRY_AUTH_FILE")));
    }
    if (env.get("XDG_RUNTIME_DIR") != null) {
      files.add(Path.of(env.get("XDG_RUNTIME_DIR"), "containers", "auth.json"));
    }
    files.removeIf(p -> !Files.isRegularFile(p));
    if (files.isEmpty()) {
      return null;
    }
    try {
      AuthStore store = AuthStore.newStore(files);
      AuthStore.Credential c = store.get(ContainerRef.parse(host + "/library/x"));
      if (c == null || c.username() == null) {
        return null;
      }
      if ("<token>".equals(c.username()) || c.username().isEmpty()) {
        return new Secret(null, null, c.password());
      }
      return new Secret(c.username(), c.password(), null);
    } catch (RuntimeException e) {
      throw new TankException(
          ErrorCode.AUTH, "cannot read registry credentials: " + e.getMessage(), files.toString(),
          "fix the Docker config file or the credential helper it names", e);
    }
  }
}
