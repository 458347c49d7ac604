package dev.tank.install;

/**
 * Bounds on what {@link SafeExtractor} accepts from one archive. Every bound is a rejection, never
 * a truncation: an archive past any of them is not installed at all.
 *
 * @param maxEntries most entries (files and directories) in the archive
 * @param maxTotalBytes most bytes of file content, summed over all files
 * @param maxFileBytes most bytes of content in any one file
 * @param maxRatio most uncompressed tar bytes per compressed byte, checked once more than 1 MiB has
 *     been inflated (a decompression bomb has a ratio in the thousands; source text is below 20)
 * @param maxPathLength most characters in an entry path, at most 4096 ({@code PATH_MAX})
 * @param maxDepth most path segments in an entry path
 */
public record ExtractLimits(
    int maxEntries,
    long maxTotalBytes,
    long maxFileBytes,
    int maxRatio,
    int maxPathLength,
    int maxDepth) {

  /** Tank's limits for a skill archive. */
  public static final ExtractLimits DEFAULTS =
      new ExtractLimits(10_000, 256L << 20, 64L << 20, 200, 1024, 32);

  /** The hard ceiling for {@link #maxPathLength}, so entry headers stay small enough to buffer. */
  static final int PATH_LENGTH_CEILING = 4096;

  public ExtractLimits {
    positive("maxEntries", maxEntries);
    positive("maxTotalBytes", maxTotalBytes);
    positive("maxFileBytes", maxFileBytes);
    positive("maxRatio", maxRatio);
    positive("maxPathLength", maxPathLength);
    positive("maxDepth", maxDepth);
    if (maxPathLength > PATH_LENGTH_CEILING) {
      throw new IllegalArgumentException(
          "maxPathLength must be at most " + PATH_LENGTH_CEILING + ": " + maxPathLength);
    }
  }

  private static void positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }

  public ExtractLimits withMaxEntries(int value) {
    return new ExtractLimits(value, maxTotalBytes, maxFileBytes, maxRatio, maxPathLength, maxDepth);
  }

  public ExtractLimits withMaxTotalBytes(long value) {
    return new ExtractLimits(maxEntries, value, maxFileBytes, maxRatio, maxPathLength, maxDepth);
  }

  public ExtractLimits withMaxFileBytes(long value) {
    return new ExtractLimits(maxEntries, maxTotalBytes, value, maxRatio, maxPathLength, maxDepth);
  }

  public ExtractLimits withMaxRatio(int value) {
    return new ExtractLimits(
        maxEntries, maxTotalBytes, maxFileBytes, value, maxPathLength, maxDepth);
  }

  public ExtractLimits withMaxPathLength(int value) {
    return new ExtractLimits(maxEntries, maxTotalBytes, maxFileBytes, maxRatio, value, maxDepth);
  }

  public ExtractLimits withMaxDepth(int value) {
    return new ExtractLimits(
        maxEntries, maxTotalBytes, maxFileBytes, maxRatio, maxPathLength, value);
  }
}
