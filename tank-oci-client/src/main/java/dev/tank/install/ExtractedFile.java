package dev.tank.install;

import dev.tank.mediatypes.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One regular file written by {@link SafeExtractor}, or read back from disk by {@link #read}.
 *
 * @param path the path inside the target, segments separated by {@code /}, as in the archive
 * @param size the number of bytes written
 * @param executable whether the entry had an execute bit, so the file got mode 0755
 * @param sha256Hex the SHA-256 of the bytes written, in lowercase hex
 */
public record ExtractedFile(String path, long size, boolean executable, String sha256Hex) {
  public ExtractedFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sha256Hex, "sha256Hex");
  }

  /**
   * The file at {@code file}, hashed, as {@code path}; {@code buffer} is reused between calls. The
   * execute bit is the owner's where the file system has POSIX modes, else what the JVM reports.
   */
  public static ExtractedFile read(String path, Path file, byte[] buffer) throws IOException {
    MessageDigest sha256 = Digest.messageDigest("SHA-256");
    long size = 0;
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha256.update(buffer, 0, n);
        size += n;
      }
    }
    boolean executable;
    try {
      executable = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OWNER_EXECUTE);
    } catch (UnsupportedOperationException e) {
      executable = Files.isExecutable(file);
    }
    return new ExtractedFile(path, size, executable, HexFormat.of().formatHex(sha256.digest()));
  }
}
