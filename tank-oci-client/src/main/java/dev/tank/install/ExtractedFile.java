package dev.tank.install;

import java.util.Objects;

/**
 * One regular file written by {@link SafeExtractor}.
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
}
