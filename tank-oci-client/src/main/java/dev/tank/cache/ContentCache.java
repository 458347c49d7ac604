package dev.tank.cache;

import dev.tank.io.AtomicFiles;
import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Blobs by digest at {@code ROOT/blobs/sha256/<hex>}. Writes go to a temporary file and are moved
 * into place, so a reader sees a whole entry or none; reads re-hash the entry and evict it when it
 * no longer matches (disk corruption, tampering), so a bad cache can cost a download, never
 * integrity.
 */
public final class ContentCache {
  private final Path root;

  public ContentCache(Path root) {
    this.root = root;
  }

  /** {@code TANK_CACHE}, else {@code $XDG_CACHE_HOME/tank}, else {@code ~/.cache/tank}. */
  public static Path defaultRoot(Map<String, String> env, Path home) {
    if (env.get("TANK_CACHE") != null && !env.get("TANK_CACHE").isEmpty()) {
      return Path.of(env.get("TANK_CACHE")).toAbsolutePath();
    }
    if (env.get("XDG_CACHE_HOME") != null && !env.get("XDG_CACHE_HOME").isEmpty()) {
      return Path.of(env.get("XDG_CACHE_HOME"), "tank");
    }
    return home.resolve(".cache").resolve("tank");
  }

  public Path root() {
    return root;
  }

  private Path pathOf(Digest d) {
    return root.resolve("blobs").resolve(d.algorithm()).resolve(d.hex());
  }

  /** The verified bytes of {@code d}, or empty when absent or corrupt (then evicted). */
  public Optional<byte[]> get(Digest d) {
    Path p = pathOf(d);
    if (!Files.isRegularFile(p)) {
      return Optional.empty();
    }
    try {
      byte[] bytes = Files.readAllBytes(p);
      if (d.matches(d.newMessageDigest().digest(bytes))) {
        return Optional.of(bytes);
      }
      Files.deleteIfExists(p);
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Stores bytes already verified against {@code d}. */
  public void put(Digest d, byte[] bytes) {
    Path p = pathOf(d);
    try {
      AtomicFiles.write(p, bytes, false);
    } catch (IOException e) {
      throw new TankException(ErrorCode.IO, "cannot write to the cache: " + e.getMessage(), root.toString(),
          "check the disk, or point TANK_CACHE at a writable folder", e);
    }
  }

  /**
   * Remembers that blob {@code target} belongs to {@code subject} under {@code kind} (for example
   * the signatures that verified a manifest). Refs are hints only: whatever they point at is
   * hashed again on read, and its meaning is verified again by whoever uses it.
   */
  public void addRef(String kind, Digest subject, Digest target) {
    List<Digest> known = refs(kind, subject);
    if (known.contains(target)) {
      return;
    }
    StringBuilder b = new StringBuilder();
    for (Digest d : known) {
      b.append(d).append('\n');
    }
    b.append(target).append('\n');
    Path p = refPath(kind, subject);
    try {
      AtomicFiles.write(p, b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), false);
    } catch (IOException e) {
      throw new TankException(ErrorCode.IO, "cannot write to the cache: " + e.getMessage(), p.toString(),
          "check the disk, or point TANK_CACHE at a writable folder", e);
    }
  }

  /** The targets recorded by {@link #addRef}; unreadable or malformed entries are ignored. */
  public List<Digest> refs(String kind, Digest subject) {
    Path p = refPath(kind, subject);
    List<Digest> out = new java.util.ArrayList<>();
    try {
      if (Files.isRegularFile(p)) {
        for (String line : Files.readAllLines(p, java.nio.charset.StandardCharsets.UTF_8)) {
          try {
            out.add(Digest.parse(line.trim()));
          } catch (TankException e) {
            // a damaged ref is only a lost hint
          }
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    return out;
  }

  private Path refPath(String kind, Digest subject) {
    if (!kind.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("bad ref kind " + kind);
    }
    return root.resolve("refs").resolve(kind).resolve(subject.algorithm()).resolve(subject.hex());
  }
}
