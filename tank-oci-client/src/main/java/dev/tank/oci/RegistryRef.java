package dev.tank.oci;

import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where skills live: a remote registry base ({@code https://host[:port]/prefix}, {@code
 * http://...} for loopback or with {@code --insecure}) or an OCI image-layout directory ({@code
 * oci-layout:PATH}). A skill {@code @org/name} lives in repository {@code prefix/org/name}.
 */
public record RegistryRef(Kind kind, String scheme, String host, String prefix, Path layoutRoot) {

  public enum Kind { REMOTE, LAYOUT }

  public static final String LAYOUT_PREFIX = "oci-layout:";

  /** Parses a reference; plain HTTP to a non-loopback host needs {@code insecure}. */
  public static RegistryRef parse(String text, boolean insecure) {
    if (text == null || text.isBlank()) {
      throw new TankException(
          ErrorCode.REGISTRY_REF, "no registry given", null,
          "pass --registry, set TANK_REGISTRY, or add \"registries\": {\"default\": ...} to skills.json");
    }
    String t = text.trim();
    if (t.startsWith(LAYOUT_PREFIX)) {
      String p = t.substring(LAYOUT_PREFIX.length());
      if (p.isEmpty()) {
        throw new TankException(ErrorCode.REGISTRY_REF, "oci-layout: needs a directory", text, "e.g. oci-layout:./registry");
      }
      return new RegistryRef(Kind.LAYOUT, null, null, "", Path.of(p).toAbsolutePath().normalize());
    }
    String withScheme = t.contains("://") ? t : "https://" + t;
    URI uri;
    try {
      uri = new URI(withScheme);
    } catch (URISyntaxException e) {
      throw new TankException(ErrorCode.REGISTRY_REF, "not a registry reference: " + e.getMessage(), text,
          "use https://host[:port]/prefix, http://127.0.0.1:PORT/prefix or oci-layout:PATH", e);
    }
    String scheme = uri.getScheme();
    if (!"https".equals(scheme) && !"http".equals(scheme)) {
      throw new TankException(ErrorCode.REGISTRY_REF, "unsupported scheme '" + scheme + "'", text,
          "use https://, http:// (loopback) or oci-layout:");
    }
    if (uri.getHost() == null || uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
      throw new TankException(ErrorCode.REGISTRY_REF, "registry reference must be host[:port]/prefix", text,
          "put credentials in TANK_REGISTRY_USERNAME/TANK_REGISTRY_PASSWORD or docker config.json, not in the URL");
    }
    String host = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    String prefix = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
    if (!prefix.isEmpty() && !prefix.matches("[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*")) {
      throw new TankException(ErrorCode.REGISTRY_REF, "invalid repository prefix '" + prefix + "'", text,
          "use lowercase path components, e.g. https://ghcr.io/my-org/skills");
    }
    if ("http".equals(scheme) && !insecure && !isLoopback(uri.getHost())) {
      throw new TankException(ErrorCode.REGISTRY_REF, "plain HTTP is only allowed to loopback hosts", text,
          "use https://, or pass --insecure if you really mean to send skills unencrypted");
    }
    return new RegistryRef(Kind.REMOTE, scheme, host, prefix, null);
  }

  static boolean isLoopback(String host) {
    if (host.equals("localhost")) {
      return true;
    }
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      return false; // only literal addresses; never resolve names to decide
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Repository for a skill's repository path ({@code org/name}). */
  public String repository(String skillPath) {
    return prefix.isEmpty() ? skillPath : prefix + "/" + skillPath;
  }

  @Override
  public String toString() {
    return kind == Kind.LAYOUT
        ? LAYOUT_PREFIX + layoutRoot
        : scheme + "://" + host + (prefix.isEmpty() ? "" : "/" + prefix);
  }

  /**
   * The skill a repository of this registry holds ({@code @org/name}, or {@code name} for
   * {@code _/name}), or empty when the repository is not a skill's under this registry's prefix.
   */
  public Optional<String> skillOf(String repository) {
    String p = prefix == null || prefix.isEmpty() ? "" : prefix + "/";
    if (!repository.startsWith(p)) {
      return Optional.empty();
    }
    String[] parts = repository.substring(p.length()).split("/");
    if (parts.length != 2) {
      return Optional.empty();
    }
    return Optional.of(parts[0].equals("_") ? parts[1] : "@" + parts[0] + "/" + parts[1]);
  }

  /**
   * The repository as cosign's simple-signing payload names it: {@code host[:port]/repository}
   * for a registry, the bare repository path for an OCI layout (it has no host).
   */
  public String dockerReference(String repository) {
    return kind == Kind.REMOTE ? host + "/" + repository : repository;
  }

  /** Human and lockfile form of a pinned artifact: {@code host/prefix/org/name@sha256:...}. */
  public String pinned(String repository, String digest) {
    return kind == Kind.LAYOUT
        ? LAYOUT_PREFIX + layoutRoot + "//" + repository + "@" + digest
        : host + "/" + repository + "@" + digest;
  }
}
