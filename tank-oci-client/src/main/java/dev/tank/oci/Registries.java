package dev.tank.oci;

import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.SkillName;
import dev.tank.mediatypes.TankException;
import java.util.HashMap;
import java.util.Map;

/**
 * Chooses the registry for each skill: the {@code registries} entry for its scope in {@code
 * skills.json}, else the default ({@code --registry}, {@code TANK_REGISTRY}, or the {@code default}
 * entry). Opens one transport per registry and reuses it.
 */
public final class Registries implements AutoCloseable {
  private final Map<String, String> byScope;
  private final String defaultRef;
  private final boolean insecure;
  private final Credentials credentials;
  private final Map<String, Transport> open = new HashMap<>();

  public Registries(Map<String, String> byScope, String defaultRef, boolean insecure, Credentials credentials) {
    this.byScope = byScope == null ? Map.of() : Map.copyOf(byScope);
    this.defaultRef = defaultRef != null ? defaultRef : this.byScope.get("default");
    this.insecure = insecure;
    this.credentials = credentials;
  }

  /** The transport for {@code name}'s registry. */
  public synchronized Transport forSkill(SkillName name) {
    String text = name.scopeKey() != null && byScope.containsKey(name.scopeKey()) ? byScope.get(name.scopeKey()) : defaultRef;
    return open.computeIfAbsent(String.valueOf(text), t -> open(RegistryRef.parse(text, insecure), credentials));
  }

  public static Transport open(RegistryRef ref, Credentials credentials) {
    return ref.kind() == RegistryRef.Kind.LAYOUT
        ? new LayoutTransport(ref)
        : new RemoteTransport(ref, credentials == null ? null : credentials.forHost(ref.host()), readIdle(credentials),
            "https".equals(ref.scheme()) && credentials != null ? TlsTrust.fromEnv(credentials.env()) : null);
  }

  /** {@code TANK_READ_TIMEOUT} (seconds the registry may send nothing), else the default. */
  private static java.time.Duration readIdle(Credentials credentials) {
    String v = credentials == null ? null : credentials.env().get("TANK_READ_TIMEOUT");
    if (v == null || v.isBlank()) {
      return RemoteTransport.DEFAULT_READ_IDLE;
    }
    try {
      long s = Long.parseLong(v.trim());
      if (s < 1) {
        throw new NumberFormatException();
      }
      return java.time.Duration.ofSeconds(s);
    } catch (NumberFormatException e) {
      throw new TankException(ErrorCode.USAGE, "TANK_READ_TIMEOUT must be a whole number of seconds, not '" + v + "'",
          "TANK_READ_TIMEOUT", "e.g. TANK_READ_TIMEOUT=60");
    }
  }

  @Override
  public synchronized void close() {
    open.values().forEach(Transport::close);
    open.clear();
  }
}
