package dev.tank.install;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Unpacks a gzip-compressed tar (a skill layer) into an empty directory and refuses anything that
 * could write outside it or exhaust the disk (DESIGN invariant 4).
 *
 * <p>Only regular files and directories are written: files get mode 0644, or 0755 when the entry
 * has any execute bit; directories get 0755. The archive is rejected with {@link
 * ErrorCode#UNSAFE_ARCHIVE} for an absolute path; a {@code ..}, {@code .} or empty segment; a
 * backslash; a colon (drive letters, alternate data streams); a control, formatting or
 * bidirectional character; a symbolic or hard link, device, FIFO, sparse file or any other entry
 * type; a duplicate path; two paths that are equal once case and Unicode normalisation are ignored;
 * a file used as a directory; a path longer or deeper than the {@link ExtractLimits}; and corrupt
 * gzip or tar data, including a missing end-of-archive marker or data after it. It is rejected with
 * {@link ErrorCode#TOO_LARGE} for more entries, file bytes or total bytes than the limits allow,
 * for a compression ratio above {@link ExtractLimits#maxRatio()} and for oversized entry headers.
 * Sizes are enforced on the bytes actually inflated, not only on what the headers declare.
 *
 * <p>On failure nothing is cleaned up: the target may hold part of the archive. Callers extract
 * into a staging directory and delete it when this throws. The input stream is read, not closed.
 */
public final class SafeExtractor {
  static final String UNSAFE_HINT =
      "this archive is malformed or malicious; do not install it; report it to the publisher";
  static final String TOO_LARGE_HINT =
      "this archive unpacks to more than Tank allows (it may be a decompression bomb);"
          + " do not install it; report it to the publisher";

  // Below 1 MiB a high ratio costs nothing, and tiny archives of empty files legitimately reach it.
  private static final long RATIO_FLOOR = 1L << 20;
  // Inflated bytes allowed between two entries' data: the previous entry's padding, PAX and GNU
  // long-name records, the header, and at the end the end-of-archive records with the rest of their
  // 10 KiB block. Paths are at most 4096 characters, so honest headers stay far below this; the
  // budget stops commons-compress from buffering an unbounded PAX record in memory.
  private static final long HEADER_BUDGET = 64L << 10;
  private static final String HEADER_TOO_LARGE =
      "an entry header (with its PAX or long-name records) is larger than 64 KiB";
  // Writers pad the archive to their block size (10 KiB by default, 1 MiB with tar -b 2048).
  private static final long TRAILER_BUDGET = 1L << 20;
  private static final String TRAILER_TOO_LARGE =
      "more than 1 MiB of padding follows the end-of-archive marker";
  // POSIX ends an archive with two zero records; commons-compress alone would accept none at all.
  private static final int END_MARKER_BYTES = 1024;
  // NAME_MAX on Linux and macOS; a longer segment would fail later as an IO error instead.
  private static final int MAX_SEGMENT_BYTES = 255;
  private static final int MAX_WHERE_CHARS = 200;
  private static final Set<PosixFilePermission> FILE_MODE =
      PosixFilePermissions.fromString("rw-r--r--");
  private static final Set<PosixFilePermission> EXECUTABLE_MODE =
      PosixFilePermissions.fromString("rwxr-xr-x");

  private SafeExtractor() {}

  /**
   * Same as {@link #extract(InputStream, Path, ExtractLimits)} with {@link ExtractLimits#DEFAULTS}.
   */
  public static List<ExtractedFile> extract(InputStream tarGz, Path target) {
    return extract(tarGz, target, ExtractLimits.DEFAULTS);
  }

  /**
   * Extracts {@code tarGz} into {@code target}.
   *
   * @param tarGz a gzip-compressed tar; read up to the end of the gzip data and not closed
   * @param target an existing, empty directory
   * @param limits the bounds the archive must stay within
   * @return the regular files written, in archive order
   * @throws IllegalArgumentException if {@code target} is not an existing empty directory
   * @throws TankException {@code UNSAFE_ARCHIVE} or {@code TOO_LARGE} as described on the class,
   *     {@code IO} if the target cannot be written; the target is left as it is
   */
  public static List<ExtractedFile> extract(InputStream tarGz, Path target, ExtractLimits limits) {
    Objects.requireNonNull(tarGz, "tarGz");
    Objects.requireNonNull(limits, "limits");
    Path root = emptyDirectory(target);
    CompressedCounter compressed = new CompressedCounter(tarGz);
    GZIPInputStream gzip;
    try {
      // A small inflater buffer keeps the compressed count, and so the ratio, close to exact.
      gzip = new GZIPInputStream(compressed, 8192);
    } catch (IOException e) {
      throw corrupt("it is not gzip data (" + e.getMessage() + ")", null, e);
    }
    try (InflatedGuard inflated = new InflatedGuard(gzip, compressed, limits.maxRatio());
        TarArchiveInputStream tar = new TarArchiveInputStream(inflated, UTF_8.name())) {
      return new Extraction(root, limits, inflated, tar).run();
    } catch (IOException e) {
      // Only close() gets here: it ends the inflater and leaves the caller's stream open.
      throw new TankException(ErrorCode.INTERNAL, "cannot close the archive reader", null, null, e);
    }
  }

  private static Path emptyDirectory(Path target) {
    Objects.requireNonNull(target, "target");
    if (!Files.isDirectory(target)) {
      throw new IllegalArgumentException("target is not an existing directory: " + target);
    }
    try (DirectoryStream<Path> children = Files.newDirectoryStream(target)) {
      if (children.iterator().hasNext()) {
        throw new IllegalArgumentException("target directory is not empty: " + target);
      }
      return target.toRealPath();
    } catch (IOException e) {
      throw new TankException(
          ErrorCode.IO,
          "cannot read the extraction directory: " + e.getMessage(),
          target.toString(),
          "check that the directory exists and is readable",
          e);
    }
  }

  /** The state of one extraction; used once. */
  private static final class Extraction {
    private final Path root;
    private final ExtractLimits limits;
    private final InflatedGuard inflated;
    private final TarArchiveInputStream tar;
    private final boolean posix;
    private final PathRegistry registry = new PathRegistry();
    private final Set<Path> directories = new HashSet<>();
    private final List<ExtractedFile> files = new ArrayList<>();
    private final byte[] buffer = new byte[64 * 1024];
    private long totalBytes;
    // The entry being handled, printable, for error messages.
    private String where;

    Extraction(Path root, ExtractLimits limits, InflatedGuard inflated, TarArchiveInputStream tar) {
      this.root = root;
      this.limits = limits;
      this.inflated = inflated;
      this.tar = tar;
      this.posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
      directories.add(root);
    }

    List<ExtractedFile> run() {
      int entries = 0;
      while (true) {
        where = "entry " + (entries + 1);
        TarArchiveEntry entry = nextEntry();
        if (entry == null) {
          break;
        }
        where = printable(entry.getName());
        // Count before anything else so a flood of entries costs one header past the limit.
        if (++entries > limits.maxEntries()) {
          throw tooLarge("the archive has more than " + limits.maxEntries() + " entries", where);
        }
        // commons-compress computes the checksum but reads on when it is wrong.
        if (!entry.isCheckSumOK()) {
          throw corrupt("the entry header fails its checksum", where, null);
        }
        String forbidden = forbiddenKind(entry);
        if (forbidden != null) {
          throw unsafe(
              "the entry is " + forbidden + ": only files and directories are allowed", where);
        }
        boolean directory = entry.getLinkFlag() == TarConstants.LF_DIR;
        // commons-compress never skips a directory's data, so it would parse that data as headers.
        if (directory && entry.getSize() != 0) {
          throw unsafe("a directory entry carries data", where);
        }
        String path = checkPath(entry.getName(), directory, limits, where);
        registry.add(path, !directory, where);
        Path out = resolve(path);
        if (directory) {
          makeDirectory(out);
        } else {
          files.add(writeFile(path, out, entry));
        }
      }
      where = null;
      checkEnd();
      return List.copyOf(files);
    }

    private TarArchiveEntry nextEntry() {
      inflated.allow(HEADER_BUDGET, HEADER_TOO_LARGE);
      try {
        return tar.getNextEntry();
      } catch (IOException | RuntimeException e) {
        throw readFailure(e);
      }
    }

    private Path resolve(String path) {
      Path out = root.resolve(path).normalize();
      // Unreachable after checkPath; kept so a change to those rules cannot open an escape.
      if (!out.startsWith(root) || out.equals(root)) {
        throw unsafe("the path resolves outside the target directory", where);
      }
      return out;
    }

    private void makeDirectory(Path dir) {
      if (directories.contains(dir)) {
        return;
      }
      makeDirectory(dir.getParent());
      try {
        Files.createDirectory(dir);
      } catch (FileAlreadyExistsException e) {
        // Only a name the file system merges and the registry did not foresee can get here.
        if (!Files.isDirectory(dir, NOFOLLOW_LINKS)) {
          throw unsafe("the path collides with an extracted file", where);
        }
      } catch (IOException e) {
        throw io(e, dir);
      }
      setMode(dir, EXECUTABLE_MODE);
      directories.add(dir);
    }

    private ExtractedFile writeFile(String path, Path out, TarArchiveEntry entry) {
      long declared = entry.getSize();
      checkSize(declared);
      makeDirectory(out.getParent());
      MessageDigest sha256 = Digest.messageDigest("SHA-256");
      long written = 0;
      inflated.allow(declared, "an entry holds more data than its header declares");
      // CREATE_NEW fails on anything already there, links included, so nothing is followed.
      try (OutputStream os = Files.newOutputStream(out, CREATE_NEW, WRITE, NOFOLLOW_LINKS)) {
        for (int n; (n = readData()) > 0; ) {
          written += n;
          checkSize(written);
          sha256.update(buffer, 0, n);
          os.write(buffer, 0, n);
        }
      } catch (FileAlreadyExistsException e) {
        throw unsafe("the path collides with an extracted file", where);
      } catch (IOException e) {
        throw io(e, out);
      }
      if (written != declared) {
        throw corrupt(
            "the entry holds " + written + " bytes but declares " + declared, where, null);
      }
      totalBytes += written;
      boolean executable = (entry.getMode() & 0111) != 0;
      setMode(out, executable ? EXECUTABLE_MODE : FILE_MODE);
      return new ExtractedFile(
          path, written, executable, HexFormat.of().formatHex(sha256.digest()));
    }

    /** Checks a file's size, declared or counted so far, against the file and total limits. */
    private void checkSize(long fileBytes) {
      if (fileBytes > limits.maxFileBytes()) {
        throw tooLarge("a file is larger than " + limits.maxFileBytes() + " bytes", where);
      }
      if (fileBytes > limits.maxTotalBytes() - totalBytes) {
        throw tooLarge("the files add up to more than " + limits.maxTotalBytes() + " bytes", where);
      }
    }

    private int readData() {
      try {
        return tar.read(buffer);
      } catch (IOException | RuntimeException e) {
        throw readFailure(e);
      }
    }

    private void setMode(Path path, Set<PosixFilePermission> mode) {
      if (!posix) {
        return;
      }
      try {
        Files.getFileAttributeView(path, PosixFileAttributeView.class, NOFOLLOW_LINKS)
            .setPermissions(mode);
      } catch (IOException e) {
        throw io(e, path);
      }
    }

    /** Reads past the end-of-archive marker so that truncation and trailing data are caught. */
    private void checkEnd() {
      inflated.allow(TRAILER_BUDGET, TRAILER_TOO_LARGE);
      try {
        // Inflating to the end also makes GZIPInputStream check the CRC and length trailer.
        for (int n; (n = inflated.read(buffer, 0, buffer.length)) >= 0; ) {
          for (int i = 0; i < n; i++) {
            if (buffer[i] != 0) {
              throw corrupt("data follows the end-of-archive marker", null, null);
            }
          }
        }
      } catch (IOException e) {
        throw readFailure(e);
      }
      if (inflated.trailingZeros() < END_MARKER_BYTES) {
        throw corrupt(
            "the end-of-archive marker is missing (the archive is truncated)", null, null);
      }
    }

    private TankException readFailure(Exception e) {
      if (e instanceof TankException t) {
        return t;
      }
      // commons-compress may wrap or swallow our IOException; the guard remembers why it stopped.
      String limit = inflated.tripped();
      if (limit != null) {
        return tooLarge(limit, where);
      }
      String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return corrupt(detail, where, e);
    }
  }

  /** What makes the entry neither a regular file nor a directory, or null if nothing does. */
  private static String forbiddenKind(TarArchiveEntry entry) {
    if (entry.isSparse()) {
      return "a sparse file";
    }
    byte flag = entry.getLinkFlag();
    return switch (flag) {
      case TarConstants.LF_NORMAL, TarConstants.LF_OLDNORM, TarConstants.LF_DIR -> null;
      case TarConstants.LF_SYMLINK -> "a symbolic link to '" + printable(entry.getLinkName()) + "'";
      case TarConstants.LF_LINK -> "a hard link to '" + printable(entry.getLinkName()) + "'";
      case TarConstants.LF_CHR -> "a character device";
      case TarConstants.LF_BLK -> "a block device";
      case TarConstants.LF_FIFO -> "a FIFO";
      default -> "of type '" + printable(String.valueOf((char) (flag & 0xff))) + "'";
    };
  }

  /** Applies the path rules listed on the class; returns the path without a trailing slash. */
  private static String checkPath(
      String name, boolean directory, ExtractLimits limits, String where) {
    if (name.length() > limits.maxPathLength()) {
      throw unsafe("the path is longer than " + limits.maxPathLength() + " characters", where);
    }
    String path = directory && name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    if (path.isEmpty()) {
      throw unsafe("the path is empty", where);
    }
    for (int i = 0; i < path.length(); ) {
      int c = path.codePointAt(i);
      if (invisible(c)) {
        throw unsafe("the path contains a control, formatting or bidirectional character", where);
      }
      i += Character.charCount(c);
    }
    if (path.startsWith("/")) {
      throw unsafe("the path is absolute", where);
    }
    if (path.indexOf(':') >= 0) {
      throw unsafe("the path contains ':' (a drive letter or alternate data stream)", where);
    }
    if (path.indexOf('\\') >= 0) {
      throw unsafe("the path contains a backslash (a Windows separator)", where);
    }
    String[] segments = path.split("/", -1);
    if (segments.length > limits.maxDepth()) {
      throw unsafe("the path is deeper than " + limits.maxDepth() + " levels", where);
    }
    for (String segment : segments) {
      if (segment.isEmpty()) {
        throw unsafe("the path has an empty segment", where);
      }
      if (segment.equals(".") || segment.equals("..")) {
        throw unsafe("the path has a '" + segment + "' segment", where);
      }
      if (segment.getBytes(UTF_8).length > MAX_SEGMENT_BYTES) {
        throw unsafe("a path segment is longer than " + MAX_SEGMENT_BYTES + " bytes", where);
      }
    }
    return path;
  }

  /**
   * The paths seen so far, keyed so that names a case-insensitive or normalising file system
   * (macOS, Windows) would merge collide here on every platform.
   */
  private static final class PathRegistry {
    private record Seen(String path, boolean file, boolean explicit) {}

    private final Map<String, Seen> byKey = new HashMap<>();

    void add(String path, boolean file, String where) {
      for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
        String parent = path.substring(0, slash);
        Seen seen = byKey.putIfAbsent(key(parent), new Seen(parent, false, false));
        if (seen != null && !seen.path().equals(parent)) {
          throw collision(parent, seen.path(), where);
        }
        if (seen != null && seen.file()) {
          throw unsafe("'" + printable(parent) + "' is a file but is used as a directory", where);
        }
      }
      String key = key(path);
      Seen seen = byKey.get(key);
      if (seen == null || (!file && !seen.file() && !seen.explicit() && seen.path().equals(path))) {
        byKey.put(key, new Seen(path, file, true));
        return;
      }
      if (!seen.path().equals(path)) {
        throw collision(path, seen.path(), where);
      }
      throw unsafe(
          seen.explicit() ? "duplicate entry" : "a file has the path of a directory", where);
    }

    // Upper- then lower-casing also folds pairs that lower-casing alone keeps apart ('ß' and
    // 'ss', 'ſ' and 's'); over-matching only rejects archives with very odd names.
    private static String key(String path) {
      return Normalizer.normalize(path, Normalizer.Form.NFC)
          .toUpperCase(Locale.ROOT)
          .toLowerCase(Locale.ROOT);
    }

    private static TankException collision(String path, String earlier, String where) {
      String what = "'%s' and '%s' differ only in case or Unicode normalisation";
      return unsafe(String.format(what, printable(path), printable(earlier)), where);
    }
  }

  /** Counts compressed bytes as the inflater pulls them; closing it leaves the caller's open. */
  private static final class CompressedCounter extends FilterInputStream {
    private long count;

    CompressedCounter(InputStream in) {
      super(in);
    }

    long count() {
      return count;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public void close() {
      // The caller owns the stream.
    }
  }

  /**
   * The inflated tar stream, counted. Reading stops one byte past the current allowance, or once
   * the inflated-to-compressed ratio looks like a bomb; every read after that fails too.
   */
  private static final class InflatedGuard extends InputStream {
    private final InputStream in;
    private final CompressedCounter compressed;
    private final long maxRatio;
    private long count;
    private long ceiling;
    private String ceilingReason = "";
    private String tripped;
    private long trailingZeros;

    InflatedGuard(InputStream in, CompressedCounter compressed, int maxRatio) {
      this.in = in;
      this.compressed = compressed;
      this.maxRatio = maxRatio;
    }

    /** Allows {@code bytes} more to be read; reading past them fails with {@code reason}. */
    void allow(long bytes, String reason) {
      ceiling = count + bytes;
      ceilingReason = reason;
    }

    /** Why reading stopped, or null if no limit was hit. */
    String tripped() {
      return tripped;
    }

    /** How many zero bytes end what has been read so far. */
    long trailingZeros() {
      return trailingZeros;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (tripped != null) {
        throw new IOException(tripped);
      }
      if (len == 0) {
        return 0;
      }
      // One byte past the allowance is enough to tell "at the limit" from "over it".
      int n = in.read(b, off, (int) Math.min(len, ceiling - count + 1));
      if (n <= 0) {
        return n;
      }
      count += n;
      trackZeros(b, off, n);
      if (count > ceiling) {
        trip(ceilingReason);
      }
      if (count > RATIO_FLOOR && count > maxRatio * compressed.count()) {
        trip("the archive inflates to more than " + maxRatio + " times its compressed size");
      }
      return n;
    }

    private void trackZeros(byte[] b, int off, int n) {
      int last = off + n - 1;
      while (last >= off && b[last] == 0) {
        last--;
      }
      trailingZeros = last < off ? trailingZeros + n : off + n - 1 - last;
    }

    private void trip(String reason) throws IOException {
      tripped = reason;
      throw new IOException(reason);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /**
   * The entry name for messages: control, formatting and bidirectional characters escaped so a
   * hostile name cannot rewrite the terminal, and long names shortened.
   */
  static String printable(String name) {
    if (name == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < name.length(); ) {
      if (sb.length() >= MAX_WHERE_CHARS) {
        sb.append("...(").append(name.length()).append(" characters)");
        break;
      }
      int c = name.codePointAt(i);
      if (invisible(c)) {
        sb.append(String.format(Locale.ROOT, "\\u%04x", c));
      } else {
        sb.appendCodePoint(c);
      }
      i += Character.charCount(c);
    }
    return sb.toString();
  }

  /** Control, formatting (bidi overrides, zero-width), line separators and lone surrogates. */
  private static boolean invisible(int c) {
    int type = Character.getType(c);
    return Character.isISOControl(c)
        || type == Character.FORMAT
        || type == Character.SURROGATE
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  private static TankException unsafe(String what, String where) {
    return new TankException(ErrorCode.UNSAFE_ARCHIVE, what, where, UNSAFE_HINT);
  }

  private static TankException corrupt(String detail, String where, Throwable cause) {
    return new TankException(
        ErrorCode.UNSAFE_ARCHIVE, "the archive is corrupt: " + detail, where, UNSAFE_HINT, cause);
  }

  private static TankException tooLarge(String what, String where) {
    return new TankException(ErrorCode.TOO_LARGE, what, where, TOO_LARGE_HINT);
  }

  private static TankException io(IOException e, Path path) {
    return new TankException(
        ErrorCode.IO,
        "cannot write the extracted skill: " + e,
        path.toString(),
        "check free disk space and the permissions of the install directory",
        e);
  }
}
