package dev.tank.install;

import static dev.tank.install.AttackArchives.BLOCK_DEVICE;
import static dev.tank.install.AttackArchives.CHAR_DEVICE;
import static dev.tank.install.AttackArchives.FIFO;
import static dev.tank.install.AttackArchives.FILE;
import static dev.tank.install.AttackArchives.gzip;
import static dev.tank.install.AttackArchives.tarGz;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One test per attack shape. Every rejection also checks that nothing appeared outside the target:
 * the target is {@code tmp/stage/target}, so anything escaping by {@code ..} lands in {@code tmp},
 * and {@code tmp/outside/victim.txt} is what links and absolute paths aim at.
 */
class SafeExtractorTest {
  private static final byte[] VICTIM = "original content".getBytes(UTF_8);

  @TempDir Path tmp;
  private Path target;
  private Path victim;

  @BeforeEach
  void setUp() throws IOException {
    target = Files.createDirectories(tmp.resolve("stage").resolve("target"));
    victim = Files.createDirectories(tmp.resolve("outside")).resolve("victim.txt");
    Files.write(victim, VICTIM);
  }

  // ---- benign archives ----

  @Test
  void benignArchiveExtractsFilesAndDirectoriesWithModesAndDigests() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
      put(tar, "SKILL.md", 0644, "---\nname: demo\n---\n");
      put(tar, "scripts/", 0755, null);
      put(tar, "scripts/run.sh", 0755, "#!/bin/sh\necho hi\n");
      put(tar, "docs/guide/deep/notes.md", 0600, "notes");
      put(tar, "docs/", 0755, null);
      put(tar, "empty.txt", 0644, "");
    }

    List<ExtractedFile> files = extract(bytes.toByteArray(), ExtractLimits.DEFAULTS);

    assertThat(files)
        .containsExactly(
            expected("SKILL.md", "---\nname: demo\n---\n", false),
            expected("scripts/run.sh", "#!/bin/sh\necho hi\n", true),
            expected("docs/guide/deep/notes.md", "notes", false),
            expected("empty.txt", "", false));
    assertThat(target.resolve("scripts/run.sh")).hasContent("#!/bin/sh\necho hi\n");
    assertThat(target.resolve("docs/guide/deep/notes.md")).hasContent("notes");
    assertThat(mode("scripts/run.sh")).isEqualTo("rwxr-xr-x");
    assertThat(mode("SKILL.md")).isEqualTo("rw-r--r--");
    assertThat(mode("docs/guide/deep/notes.md")).isEqualTo("rw-r--r--");
    assertThat(mode("docs/guide")).isEqualTo("rwxr-xr-x");
    assertNothingOutsideTarget();
  }

  @Test
  void namesThatOnlyLookLikeDotDotExtract() throws IOException {
    byte[] archive =
        tarGz(
            t ->
                t.file("..foo", "a")
                    .file("foo..bar", "b")
                    .file("dir/...", "c")
                    .file("dir/.hidden", "d")
                    .file("x../..y", "e"));

    List<ExtractedFile> files = extract(archive, ExtractLimits.DEFAULTS);

    assertThat(files)
        .extracting(ExtractedFile::path)
        .containsExactly("..foo", "foo..bar", "dir/...", "dir/.hidden", "x../..y");
    assertThat(target.resolve("..foo")).hasContent("a");
    assertThat(target.resolve("x../..y")).hasContent("e");
    assertNothingOutsideTarget();
  }

  @Test
  void directoryEntryAfterItsFilesIsAllowed() throws IOException {
    List<ExtractedFile> files =
        extract(tarGz(t -> t.file("a/b.txt", "b").directory("a/")), ExtractLimits.DEFAULTS);

    assertThat(files).extracting(ExtractedFile::path).containsExactly("a/b.txt");
  }

  @Test
  void paxPathThatIsSafeIsUsed() throws IOException {
    String longPath = ("d".repeat(20) + "/").repeat(10) + "file.md"; // needs PAX: over 100 bytes

    List<ExtractedFile> files =
        extract(tarGz(t -> t.pax("path", longPath).file("short", "x")), ExtractLimits.DEFAULTS);

    assertThat(files).extracting(ExtractedFile::path).containsExactly(longPath);
    assertThat(target.resolve(longPath)).hasContent("x");
  }

  // ---- path escapes ----

  @Test
  void absolutePathIsRejected() throws IOException {
    boolean existed = Files.exists(Path.of("/etc/x"));

    assertUnsafe(tarGz(t -> t.file("/etc/x", "pwned")), "absolute");

    assertThat(Files.exists(Path.of("/etc/x"))).isEqualTo(existed);
  }

  @Test
  void absolutePathIntoTheTestDirectoryIsRejected() throws IOException {
    Path escaped = tmp.resolve("escaped.txt");

    assertUnsafe(tarGz(t -> t.file(escaped.toString(), "pwned")), "absolute");

    assertThat(escaped).doesNotExist();
  }

  @Test
  void pathWithManyLeadingSlashesIsRejected() throws IOException {
    assertUnsafe(tarGz(t -> t.file("////x", "pwned")), "absolute");
  }

  @Test
  void leadingDotDotIsRejected() throws IOException {
    assertUnsafe(tarGz(t -> t.file("../x", "pwned")), "'..'");
  }

  @Test
  void dotDotThatClimbsOutOfASubdirectoryIsRejected() throws IOException {
    assertUnsafe(tarGz(t -> t.file("a/../../x", "pwned")), "'..'");
  }

  @Test
  void dotDotInsideTheTargetIsRejectedToo() throws IOException {
    assertUnsafe(tarGz(t -> t.file("a/../x", "harmless but not canonical")), "'..'");
  }

  @Test
  void backslashTraversalIsRejected() throws IOException {
    assertUnsafe(tarGz(t -> t.file("a\\..\\x", "pwned")), "backslash");
  }

  @Test
  void driveRelativePathIsRejected() throws IOException {
    assertUnsafe(tarGz(t -> t.file("C:x", "pwned")), "':'");
  }

  @Test
  void driveAbsolutePathIsRejected() throws IOException {
    assertUnsafe(tarGz(t -> t.file("C:\\x", "pwned")), "':'");
  }

  @Test
  void dotSegmentIsRejected() throws IOException {
    assertUnsafe(tarGz(t -> t.file("./SKILL.md", "x")), "'.'");
  }

  @Test
  void emptySegmentIsRejected() throws IOException {
    assertUnsafe(tarGz(t -> t.file("a//b", "x")), "empty segment");
  }

  @Test
  void paxPathOverrideToParentIsRejected() throws IOException {
    assertUnsafe(tarGz(t -> t.pax("path", "../evil").file("benign.txt", "pwned")), "'..'");
  }

  @Test
  void globalPaxPathOverrideToParentIsRejected() throws IOException {
    assertUnsafe(tarGz(t -> t.globalPax("path", "../evil").file("benign.txt", "pwned")), "'..'");
  }

  @Test
  void gnuLongNameToParentIsRejected() throws IOException {
    assertUnsafe(tarGz(t -> t.gnuLongName("../evil").file("benign.txt", "pwned")), "'..'");
  }

  @Test
  void pathLongerThanTheLimitIsRejected() throws IOException {
    String path = ("d".repeat(99) + "/").repeat(10) + "file.md"; // 1007 characters

    assertUnsafe(
        tarGz(t -> t.pax("path", path).file("x", "x")),
        ExtractLimits.DEFAULTS.withMaxPathLength(1000),
        "longer");
  }

  @Test
  void pathLongerThanTheDefaultLimitIsRejected() throws IOException {
    String path = ("d".repeat(99) + "/").repeat(10) + "f".repeat(30); // 1030 characters

    assertUnsafe(tarGz(t -> t.pax("path", path).file("x", "x")), "longer than 1024");
  }

  @Test
  void pathDeeperThanTheDefaultLimitIsRejected() throws IOException {
    assertUnsafe(tarGz(t -> t.file("a/".repeat(32) + "x", "x")), "deeper than 32");
  }

  @Test
  void pathSegmentLongerThan255BytesIsRejected() throws IOException {
    assertUnsafe(tarGz(t -> t.pax("path", "é".repeat(128)).file("x", "x")), "255 bytes");
  }

  // ---- characters ----

  @Test
  void nulInPaxPathIsRejectedAndEscapedInTheMessage() throws IOException {
    TankException e = rejected(tarGz(t -> t.pax("path", "evil\0.txt").file("x", "x")));

    assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_ARCHIVE);
    assertThat(e.what()).contains("control");
    assertThat(e.where()).isEqualTo("evil\\u0000.txt");
  }

  @Test
  void newlineInNameIsRejected() throws IOException {
    TankException e = rejected(tarGz(t -> t.file("a\nb", "x")));

    assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_ARCHIVE);
    assertThat(e.where()).isEqualTo("a\\u000ab");
  }

  @Test
  void bidirectionalOverrideInNameIsRejected() throws IOException {
    TankException e = rejected(tarGz(t -> t.file("evil\u202Egnp.sh", "x")));

    assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_ARCHIVE);
    assertThat(e.where()).isEqualTo("evil\\u202egnp.sh");
  }

  // ---- entry types ----

  @Test
  void symlinkToEtcPasswdThenWriteThroughItIsRejected() throws IOException {
    Path passwd = Path.of("/etc/passwd");
    byte[] before = Files.isReadable(passwd) ? Files.readAllBytes(passwd) : null;

    assertUnsafe(
        tarGz(t -> t.symlink("passwd", "/etc/passwd").file("passwd", "root::0:0::/:/bin/sh\n")),
        "symbolic link");

    if (before != null) {
      assertThat(Files.readAllBytes(passwd)).isEqualTo(before);
    }
  }

  @Test
  void symlinkToAnOutsideFileThenWriteThroughItIsRejected() throws IOException {
    assertUnsafe(tarGz(t -> t.symlink("v", victim.toString()).file("v", "pwned")), "symbolic link");
  }

  @Test
  void symlinkToParentThenWriteBelowItIsRejected() throws IOException {
    assertUnsafe(tarGz(t -> t.symlink("link", "..").file("link/x", "pwned")), "symbolic link");
  }

  @Test
  void hardLinkToAnOutsideFileIsRejected() throws IOException {
    assertUnsafe(tarGz(t -> t.hardLink("h", victim.toString()).file("h", "pwned")), "hard link");
  }

  @Test
  void hardLinkByRelativePathIsRejected() throws IOException {
    assertUnsafe(
        tarGz(t -> t.hardLink("h", "../../outside/victim.txt").file("h", "pwned")), "hard link");
  }

  @Test
  void characterDeviceIsRejected() throws IOException {
    assertUnsafe(
        tarGz(t -> t.entry("null", CHAR_DEVICE, 0666, "", new byte[0])), "character device");
  }

  @Test
  void blockDeviceIsRejected() throws IOException {
    assertUnsafe(tarGz(t -> t.entry("sda", BLOCK_DEVICE, 0660, "", new byte[0])), "block device");
  }

  @Test
  void fifoIsRejected() throws IOException {
    assertUnsafe(tarGz(t -> t.entry("pipe", FIFO, 0644, "", new byte[0])), "FIFO");
  }

  @ParameterizedTest(name = "type ''{0}''")
  @ValueSource(chars = {'7', 'D', 'M', 'N', 'V', 'Z'})
  void otherEntryTypesAreRejected(char type) throws IOException {
    assertUnsafe(tarGz(t -> t.entry("odd", (byte) type, 0644, "", new byte[0])), "the entry is");
  }

  @Test
  void oldGnuSparseFileIsRejected() throws IOException {
    assertUnsafe(tarGz(t -> t.entry("sparse", (byte) 'S', 0644, "", new byte[0])), "sparse");
  }

  @Test
  void paxSparseFileIsRejected() throws IOException {
    byte[] archive =
        tarGz(t -> t.pax("GNU.sparse.size", "5", "GNU.sparse.map", "0,5").file("sparse", "abcde"));

    assertUnsafe(archive, "sparse");
  }

  @Test
  void directoryEntryCarryingDataIsRejected() throws IOException {
    byte[] hidden = new byte[600]; // would be parsed as headers by readers that skip nothing
    assertUnsafe(
        tarGz(t -> t.entry("d/", AttackArchives.DIRECTORY, 0755, "", hidden)), "carries data");
  }

  // ---- duplicates and collisions ----

  @Test
  void duplicateEntryIsRejected() throws IOException {
    assertUnsafe(tarGz(t -> t.file("a.txt", "one").file("a.txt", "two")), "duplicate");
  }

  @Test
  void caseCollisionIsRejected() throws IOException {
    assertUnsafe(tarGz(t -> t.file("FOO", "upper").file("foo", "lower")), "differ only in case");
  }

  @Test
  void directoryCaseCollisionIsRejected() throws IOException {
    assertUnsafe(
        tarGz(t -> t.file("Scripts/a.sh", "a").file("scripts/b.sh", "b")), "differ only in case");
  }

  @Test
  void unicodeNormalisationCollisionIsRejected() throws IOException {
    String nfc = "caf\u00e9.md";
    String nfd = "cafe\u0301.md";

    assertUnsafe(tarGz(t -> t.file(nfc, "nfc").file(nfd, "nfd")), "Unicode normalisation");
  }

  @Test
  void fileUsedAsDirectoryIsRejected() throws IOException {
    assertUnsafe(tarGz(t -> t.file("a", "file").file("a/b", "below a file")), "is a file");
  }

  @Test
  void fileAtADirectoryPathIsRejected() throws IOException {
    assertUnsafe(tarGz(t -> t.file("a/b", "x").file("a", "file")), "path of a directory");
  }

  // ---- limits ----

  @Test
  void entryPastTheLimitFailsWithoutReadingFurther() throws IOException {
    byte[] garbage = new byte[4096];
    Arrays.fill(garbage, (byte) 'A');
    // Reading past the fourth header would hit garbage and report a corrupt archive instead.
    byte[] archive =
        gzip(t -> t.file("a", "a").file("b", "b").file("c", "c").file("d", "d").data(garbage));

    TankException e = rejected(archive, ExtractLimits.DEFAULTS.withMaxEntries(3));

    assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE);
    assertThat(e.where()).isEqualTo("d");
    assertThat(filesUnder(target)).hasSize(3);
  }

  @Test
  void defaultLimitRejectsEntry10001() throws IOException {
    byte[] archive =
        tarGz(
            t -> {
              for (int i = 0; i <= 10_000; i++) {
                t.entry(String.format("f%05d", i), FILE, 0644, "", new byte[0]);
              }
            });

    TankException e = rejected(archive);

    assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE);
    assertThat(e.what()).contains("10000 entries");
    assertThat(e.where()).isEqualTo("f10000");
    try (Stream<Path> written = Files.list(target)) {
      assertThat(written.count()).isEqualTo(10_000);
    }
  }

  @Test
  void fileLargerThanTheLimitIsRejectedBeforeWriting() throws IOException {
    byte[] archive = tarGz(t -> t.file("big", "x".repeat(1001)));

    TankException e = rejected(archive, ExtractLimits.DEFAULTS.withMaxFileBytes(1000));

    assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE);
    assertThat(e.what()).contains("larger than 1000 bytes");
    assertThat(target.resolve("big")).doesNotExist();
  }

  @Test
  void filesAddingUpPastTheTotalLimitAreRejected() throws IOException {
    byte[] archive = tarGz(t -> t.file("a", "x".repeat(600)).file("b", "y".repeat(600)));

    TankException e = rejected(archive, ExtractLimits.DEFAULTS.withMaxTotalBytes(1000));

    assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE);
    assertThat(e.what()).contains("add up to more than 1000");
    assertThat(target.resolve("b")).doesNotExist();
  }

  @Test
  void paxSizeAboveTheLimitIsRejectedBeforeReadingData() throws IOException {
    byte[] archive = tarGz(t -> t.pax("size", "1000000000000").file("huge", ""));

    TankException e = rejected(archive);

    assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE);
    assertThat(target.resolve("huge")).doesNotExist();
  }

  @Test
  void ratioBombFailsFastWithDefaults() throws IOException {
    // 300 MiB of zeros in files each under maxFileBytes: only the ratio check can stop it early.
    byte[] archive =
        tarGz(
            t -> {
              for (int i = 0; i < 5; i++) {
                t.zeros("bomb" + i, 60L << 20);
              }
            });
    CountingInput input = new CountingInput(new ByteArrayInputStream(archive));

    Throwable thrown =
        catchThrowable(() -> SafeExtractor.extract(input, target, ExtractLimits.DEFAULTS));

    assertThat(thrown).isInstanceOf(TankException.class);
    TankException e = (TankException) thrown;
    assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE);
    assertThat(e.what()).contains("200 times");
    assertThat(e.where()).isEqualTo("bomb0");
    assertThat(bytesUnder(target)).isLessThan(4L << 20);
    assertThat(input.count).isLessThan(archive.length / 10);
    assertNothingOutsideTarget();
  }

  @Test
  void hugePaxHeaderIsRejectedBeforeItIsBuffered() throws IOException {
    byte[] archive = tarGz(t -> t.pax("comment", "a".repeat(10 << 20)).file("x", "x"));

    TankException e = rejected(archive);

    assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE);
    assertThat(e.what()).contains("header");
  }

  // ---- corrupt archives ----

  @Test
  void truncatedGzipIsRejectedAsCorrupt() throws IOException {
    byte[] whole = tarGz(t -> t.file("a.txt", "x".repeat(5000)).file("b.txt", "y"));
    byte[] half = Arrays.copyOf(whole, whole.length / 2);

    assertUnsafe(half, "corrupt");
  }

  @Test
  void entryShorterThanItsHeaderSaysIsRejectedAsCorrupt() throws IOException {
    byte[] archive =
        gzip(t -> t.header("short.txt", FILE, 0644, 10, "").data("12345".getBytes(UTF_8)));

    assertUnsafe(archive, "corrupt");
  }

  @Test
  void archiveWithoutEndMarkerIsRejectedAsCorrupt() throws IOException {
    assertUnsafe(gzip(t -> t.file("a.txt", "a")), "end-of-archive marker is missing");
  }

  @Test
  void dataAfterTheEndMarkerIsRejectedAsCorrupt() throws IOException {
    byte[] archive = gzip(t -> t.file("a.txt", "a").end().file("hidden.txt", "smuggled"));

    assertUnsafe(archive, "data follows the end-of-archive marker");
  }

  @Test
  void bytesThatAreNotGzipAreRejectedAsCorrupt() throws IOException {
    assertUnsafe("this is not an archive".getBytes(UTF_8), "corrupt");
  }

  @Test
  void gzipOfGarbageIsRejectedAsCorrupt() throws IOException {
    byte[] garbage = new byte[8192];
    new Random(42).nextBytes(garbage);

    assertUnsafe(gzip(t -> t.data(garbage)), "corrupt");
  }

  @Test
  void badHeaderChecksumIsRejectedAsCorrupt() throws IOException {
    byte[] tar = new byte[1536];
    byte[] name = "a.txt".getBytes(UTF_8);
    System.arraycopy(name, 0, tar, 0, name.length);
    tar[156] = FILE;
    Arrays.fill(tar, 100, 155, (byte) '7'); // digits everywhere, checksum wrong

    assertUnsafe(gzip(t -> t.data(tar)), "corrupt");
  }

  // ---- the target ----

  @Test
  void nonEmptyTargetIsAProgrammerError() throws IOException {
    Files.writeString(target.resolve("left-over"), "x");
    byte[] archive = tarGz(t -> t.file("a", "a"));

    assertThatThrownBy(() -> extract(archive, ExtractLimits.DEFAULTS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not empty");
  }

  @Test
  void missingTargetIsAProgrammerError() {
    byte[] archive = tarGz(t -> t.file("a", "a"));

    assertThatThrownBy(
            () ->
                SafeExtractor.extract(
                    new ByteArrayInputStream(archive),
                    tmp.resolve("missing"),
                    ExtractLimits.DEFAULTS))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unwritableTargetIsAnIoError() throws IOException {
    assumeFalse(
        "root".equals(System.getProperty("user.name")), "root writes through any permission");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      TankException e = rejected(tarGz(t -> t.file("a", "a")));

      assertThat(e.code()).isEqualTo(ErrorCode.IO);
    } finally {
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  // ---- helpers ----

  private List<ExtractedFile> extract(byte[] archive, ExtractLimits limits) {
    return SafeExtractor.extract(new ByteArrayInputStream(archive), target, limits);
  }

  private TankException rejected(byte[] archive) throws IOException {
    return rejected(archive, ExtractLimits.DEFAULTS);
  }

  private TankException rejected(byte[] archive, ExtractLimits limits) throws IOException {
    Throwable thrown = catchThrowable(() -> extract(archive, limits));
    assertThat(thrown).isInstanceOf(TankException.class);
    assertNothingOutsideTarget();
    return (TankException) thrown;
  }

  private void assertUnsafe(byte[] archive, String whatContains) throws IOException {
    assertUnsafe(archive, ExtractLimits.DEFAULTS, whatContains);
  }

  private void assertUnsafe(byte[] archive, ExtractLimits limits, String whatContains)
      throws IOException {
    TankException e = rejected(archive, limits);
    assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.UNSAFE_ARCHIVE);
    assertThat(e.what()).contains(whatContains);
    assertThat(e.hint()).isEqualTo(SafeExtractor.UNSAFE_HINT);
  }

  /** Nothing but the fixture exists outside the target, and the target holds no links. */
  private void assertNothingOutsideTarget() throws IOException {
    Set<Path> fixture = Set.of(tmp, tmp.resolve("stage"), target, victim.getParent(), victim);
    try (Stream<Path> all = Files.walk(tmp)) {
      assertThat(all.filter(p -> !fixture.contains(p) && !p.startsWith(target)).toList()).isEmpty();
    }
    assertThat(Files.readAllBytes(victim)).isEqualTo(VICTIM);
    try (Stream<Path> inside = Files.walk(target)) {
      assertThat(
              inside
                  .filter(
                      p ->
                          !Files.isRegularFile(p, NOFOLLOW_LINKS)
                              && !Files.isDirectory(p, NOFOLLOW_LINKS))
                  .toList())
          .isEmpty();
    }
  }

  private static List<Path> filesUnder(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(p -> Files.isRegularFile(p, NOFOLLOW_LINKS)).toList();
    }
  }

  private static long bytesUnder(Path dir) throws IOException {
    long total = 0;
    for (Path file : filesUnder(dir)) {
      total += Files.size(file);
    }
    return total;
  }

  private String mode(String path) throws IOException {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(target.resolve(path), NOFOLLOW_LINKS));
  }

  private static ExtractedFile expected(String path, String text, boolean executable) {
    byte[] bytes = text.getBytes(UTF_8);
    return new ExtractedFile(path, bytes.length, executable, Digest.sha256(bytes).hex());
  }

  private static void put(TarArchiveOutputStream tar, String name, int mode, String text)
      throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setMode(mode);
    byte[] bytes = text == null ? new byte[0] : text.getBytes(UTF_8);
    entry.setSize(bytes.length);
    tar.putArchiveEntry(entry);
    tar.write(bytes);
    tar.closeArchiveEntry();
  }

  /** Counts how much of the compressed input the extractor consumed. */
  private static final class CountingInput extends FilterInputStream {
    long count;

    CountingInput(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count += b < 0 ? 0 : 1;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      count += Math.max(0, n);
      return n;
    }
  }
}
