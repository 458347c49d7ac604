package dev.tank.install;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import dev.tank.io.AtomicFiles;
import dev.tank.mediatypes.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Unpacked skill folders kept in the cache, installed by hard links instead of being extracted
 * again (what pnpm's store does for npm packages).
 *
 * <p>Creating a file costs far more than linking one on many file systems (ext4 that has seen
 * many deletions scans for a free inode: about 0.8 ms a file on the benchmark machine, see
 * {@code bench/README.md}), so a warm install of a hundred skills spends most of its system time
 * creating files it unpacked identically before.
 *
 * <p>A kept folder is trusted for nothing: {@link #linkInto} links each file into the staging
 * folder and hashes it there, and the caller checks the result against the skill's config exactly
 * as it checks a fresh extraction. A kept folder that fails (a file edited through another
 * project's link, a missing or extra file) is deleted and the layer is extracted again. Files are
 * shared between projects; editing an installed file in place also edits the kept copy, which the
 * next install detects and repairs ({@code tank verify} detects it in every project).
 *
 * <p>Everything here is an optimisation: when links cannot be made (another file system, no
 * permission), the cache turns itself off for the run and installs extract as before.
 * {@code TANK_IMPORT=extract} turns it off.
 */
final class UnpackedCache {
  private static final int BUFFER = 64 * 1024;

  private final Path root;
  private final AtomicBoolean usable;

  private UnpackedCache(Path root, boolean usable) {
    this.root = root;
    this.usable = new AtomicBoolean(usable);
  }

  /** The unpacked folders under {@code cacheRoot}, or a disabled cache when the environment asks. */
  static UnpackedCache under(Path cacheRoot, Map<String, String> env) {
    boolean on = !"extract".equalsIgnoreCase(env.getOrDefault("TANK_IMPORT", ""))
        && cacheRoot.getFileSystem().supportedFileAttributeViews().contains("posix");
    return new UnpackedCache(cacheRoot.resolve("unpacked"), on);
  }

  private Path folderOf(Digest layer) {
    return root.resolve(layer.algorithm()).resolve(layer.hex());
  }

  private Path integrityOf(Digest layer) {
    return root.resolve(layer.algorithm()).resolve(layer.hex() + ".integrity");
  }

  /**
   * The integrity (SRI) of the layer a kept folder was extracted from, when there is a kept folder
   * (its files are still checked when linked). A lock's integrity is compared with it, so that a
   * lock edited by hand is noticed without reading the layer.
   */
  Optional<String> integrity(Digest layer) {
    if (!usable.get() || !Files.isDirectory(folderOf(layer), NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(integrityOf(layer), StandardCharsets.US_ASCII).strip());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Links the kept folder of {@code layer} into the empty folder {@code target}, hashing every file
   * through its new link. Returns the files for the caller's config check, or null when there is no
   * usable kept folder (then {@code target} is empty again).
   */
  List<ExtractedFile> linkInto(Digest layer, Path target) {
    if (!usable.get()) {
      return null;
    }
    Path kept = folderOf(layer);
    if (!Files.isDirectory(kept, NOFOLLOW_LINKS)) {
      return null;
    }
    List<ExtractedFile> files = new ArrayList<>();
    byte[] buffer = new byte[BUFFER];
    try (Stream<Path> walk = Files.walk(kept)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (p.equals(kept)) {
          continue;
        }
        String rel = kept.relativize(p).toString().replace('\\', '/');
        Path out = target.resolve(rel);
        BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW_LINKS);
        if (attrs.isDirectory()) {
          Files.createDirectory(out);
        } else if (attrs.isRegularFile()) {
          Files.createLink(out, p);
          files.add(ExtractedFile.read(rel, out, buffer));
        } else {
          throw new IOException("not a file or folder: " + p);
        }
      }
      return files;
    } catch (UnsupportedOperationException | IOException | SecurityException e) {
      reject(layer, target);
      return null;
    }
  }

  /**
   * Drops the kept folder of {@code layer}, which could not be linked or failed its check against
   * the config, and empties {@code target} for an extraction of the layer.
   */
  void reject(Digest layer, Path target) {
    deleteQuietly(integrityOf(layer));
    deleteQuietly(folderOf(layer));
    clear(target);
  }

  /**
   * Keeps the checked folder {@code extracted} for later installs of {@code layer}, as links to its
   * files, with the layer's verified {@code integrity}. Best effort: any failure turns the cache off
   * for this run.
   */
  void keep(Digest layer, Path extracted, String integrity) {
    Path kept = folderOf(layer);
    if (!usable.get() || Files.exists(kept, NOFOLLOW_LINKS)) {
      return;
    }
    Path tmp = root.resolve("tmp-" + UUID.randomUUID());
    try {
      Files.createDirectories(tmp);
      try (Stream<Path> walk = Files.walk(extracted)) {
        for (Path p : (Iterable<Path>) walk::iterator) {
          if (p.equals(extracted)) {
            continue;
          }
          Path out = tmp.resolve(extracted.relativize(p).toString());
          if (Files.isDirectory(p, NOFOLLOW_LINKS)) {
            Files.createDirectory(out);
          } else {
            Files.createLink(out, p);
          }
        }
      }
      Files.createDirectories(kept.getParent());
      Files.move(tmp, kept);
      noteIntegrity(layer, integrity);
    } catch (FileAlreadyExistsException e) {
      // Another install kept the same layer first.
    } catch (UnsupportedOperationException | IOException | SecurityException e) {
      usable.set(false);
    } finally {
      deleteQuietly(tmp);
    }
  }

  /**
   * Records the verified {@code integrity} of {@code layer} for a kept folder that has none (kept
   * by an older Tank, or its write failed). Best effort.
   */
  void noteIntegrity(Digest layer, String integrity) {
    Path file = integrityOf(layer);
    if (usable.get() && !Files.exists(file)) {
      try {
        AtomicFiles.write(file, (integrity + "\n").getBytes(StandardCharsets.US_ASCII), false);
      } catch (IOException e) {
        // Installs of this layer read it, as before.
      }
    }
  }

  private static void clear(Path target) {
    try (Stream<Path> children = Files.list(target)) {
      children.forEach(UnpackedCache::deleteQuietly);
    } catch (IOException e) {
      // The staging folder is deleted as a whole when the install ends.
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      AtomicFiles.deleteTree(p);
    } catch (IOException e) {
      // Left for the next install to find and check; nothing is installed from it unchecked.
    }
  }
}
