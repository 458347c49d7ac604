package dev.tank.testing;

import dev.tank.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** File helpers for tests: snapshots of whole trees to prove "nothing changed". */
public final class TestFiles {
  private TestFiles() {}

  /**
   * Every path under {@code root} (links not followed) → its kind and content hash or link target.
   * Two equal snapshots mean the tree is exactly as it was. Tank's own project lock file ({@code
   * .tank/lock}, which must exist while a process works on the project) is left out; everything else
   * under {@code .tank}, such as staging or journal leftovers, counts.
   */
  public static Map<String, String> snapshot(Path root) {
    Map<String, String> out = new TreeMap<>();
    if (!Files.exists(root)) {
      return out;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String rel = root.relativize(p).toString();
        if (rel.equals(".tank") || rel.equals(".tank/lock")) {
          continue;
        }
        if (Files.isSymbolicLink(p)) {
          out.put(rel, "link:" + Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p)) {
          out.put(rel, "dir");
        } else {
          byte[] h = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
          out.put(rel, "file:" + HexFormat.of().formatHex(h) + (Files.isExecutable(p) ? ":x" : ""));
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  public static void deleteTree(Path p) {
    try {
      AtomicFiles.deleteTree(p);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Copies a folder tree (files and folders only). */
  public static void copyTree(Path from, Path to) {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
