package dev.tank.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tank.install.ExtractLimits;
import dev.tank.install.ExtractedFile;
import dev.tank.install.SafeExtractor;
import dev.tank.pack.Packer;
import dev.tank.pack.SkillFolder;
import dev.tank.testing.SkillFixtures;
import dev.tank.testing.TestFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Fuzzes {@link SafeExtractor#extract} — the reader of every skill's content layer — with random
 * bytes, gzip of random bytes, byte mutations of a real packed layer, and tar archives generated
 * entry by entry (hostile names, links, devices, lying sizes, PAX headers), whose tar bytes are
 * then mutated before they are compressed. Each try extracts into an empty {@code target} folder
 * inside a sandbox that also holds a sentinel file, with Tank's default limits or tiny ones (so the
 * limit checks run too).
 *
 * <p>Property: the call returns or throws a {@code TankException} with a code, within {@link
 * Fuzz#CALL_TIMEOUT}; nothing is written outside {@code target} (the sandbox holds nothing else and
 * the sentinel is unchanged, also for entries naming the sandbox by absolute path); {@code target}
 * holds only folders and regular files; and on success every file it reports is on disk with the
 * size and SHA-256 it reports. Tries: {@code jqwik.tries.default}, see {@link ParserFuzzTest}.
 */
class ExtractorFuzzTest {
  private static final Path ROOT = tempRoot();
  /** One sandbox, emptied before every try, so that generated entries can name it by absolute path. */
  private static final Path SANDBOX_DIR = ROOT.resolve("sandbox");
  private static final String SANDBOX = SANDBOX_DIR.toString();
  private static final byte[] SENTINEL = "sentinel: must not change".getBytes(StandardCharsets.UTF_8);
  private static final ExtractLimits TINY = new ExtractLimits(4, 300, 200, 3, 40, 3);
  private static final List<byte[]> TAR_TOKENS = List.of(new byte[512], "ustar\u000000".getBytes(StandardCharsets.ISO_8859_1),
      "././@LongLink".getBytes(StandardCharsets.US_ASCII), "30 path=../../escape\n".getBytes(StandardCharsets.US_ASCII),
      "77777777777".getBytes(StandardCharsets.US_ASCII), new byte[] {'2'}, new byte[] {'1'}, new byte[] {'3'}, new byte[] {'S'},
      new byte[] {'x'}, new byte[] {'g'}, new byte[] {'L'}, new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0x7f, (byte) 0xff, (byte) 0xff});

  private static Path tempRoot() {
    try {
      return Files.createTempDirectory("tank-extractor-fuzz");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterContainer
  static void removeSandboxes() {
    TestFiles.deleteTree(ROOT);
  }

  /** A packed skill's real content layer. */
  static byte[] realLayer() {
    try {
      Path dir = Files.createTempDirectory(ROOT, "skill");
      Path skill = SkillFixtures.skill(dir, "layer", "1.0.0", Map.of());
      Files.createDirectories(skill.resolve("assets/deep/er"));
      Files.writeString(skill.resolve("assets/deep/er/data.txt"), "x".repeat(3000));
      return Packer.pack(SkillFolder.load(skill), "1.0.0").layerBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] gzip(byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] gunzip(byte[] b) {
    try (var in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(b))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // --- the property ---

  @Property
  void extractionIsSafeWhateverTheArchive(@ForAll("archives") byte[] tarGz, @ForAll("limits") ExtractLimits limits) throws IOException {
    Path sandbox = Files.createDirectory(SANDBOX_DIR);
    try {
      Path target = Files.createDirectory(sandbox.resolve("target"));
      Files.write(sandbox.resolve("sentinel"), SENTINEL);
      byte[] input = tarGz;

      List<ExtractedFile> files = Fuzz.onlyTankErrors("SafeExtractor.extract", input,
          () -> SafeExtractor.extract(new ByteArrayInputStream(input), target, limits));
      // Printed with the property's report: how many tries got how far.
      Statistics.label("outcome").collect(files == null ? "refused" : files.isEmpty() ? "extracted nothing" : "extracted files");

      try (Stream<Path> s = Files.list(sandbox)) {
        assertThat(s.map(p -> p.getFileName().toString()).toList()).as("the sandbox after %s", Fuzz.show(input))
            .containsExactlyInAnyOrder("target", "sentinel");
      }
      assertThat(Files.readAllBytes(sandbox.resolve("sentinel"))).isEqualTo(SENTINEL);
      try (Stream<Path> s = Files.walk(target)) {
        for (Path p : (Iterable<Path>) s::iterator) {
          assertThat(Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) || Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
              .as("%s is a folder or a regular file (after %s)", p, Fuzz.show(input)).isTrue();
        }
      }
      if (files != null) {
        for (ExtractedFile f : files) {
          Path p = target.resolve(f.path());
          assertThat(p.normalize()).startsWith(target);
          byte[] content = Files.readAllBytes(p);
          assertThat(content).as(f.path()).hasSize((int) f.size());
          assertThat(HexFormat.of().formatHex(sha256(content))).as(f.path()).isEqualTo(f.sha256Hex());
        }
      }
    } finally {
      TestFiles.deleteTree(sandbox);
    }
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // --- inputs ---

  @Provide
  Arbitrary<ExtractLimits> limits() {
    return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(ExtractLimits.DEFAULTS)), Tuple.of(1, Arbitraries.just(TINY)));
  }

  @Provide
  Arbitrary<byte[]> archives() {
    byte[] layer = realLayer();
    byte[] layerTar = gunzip(layer);
    Arbitrary<byte[]> generatedTar = entry().list().ofMinSize(0).ofMaxSize(6).map(ExtractorFuzzTest::tar);
    return Arbitraries.frequencyOf(
        Tuple.of(1, Fuzz.randomBytes()),
        Tuple.of(1, Fuzz.randomBytes().map(ExtractorFuzzTest::gzip)),
        Tuple.of(2, Fuzz.mutated(List.of(layer), TAR_TOKENS)),
        Tuple.of(3, Fuzz.mutated(List.of(layerTar), TAR_TOKENS).map(ExtractorFuzzTest::gzip)),
        Tuple.of(4, generatedTar.map(ExtractorFuzzTest::gzip)),
        Tuple.of(3, Combinators.combine(generatedTar, Fuzz.mutation().list().ofMinSize(1).ofMaxSize(4)).as((t, ms) -> {
          byte[] b = t;
          for (Fuzz.Mutation m : ms) {
            b = m.applyTo(b, TAR_TOKENS);
          }
          return gzip(b);
        })));
  }

  /** One tar entry as a hostile archiver could write it. */
  record Entry(String name, byte type, int size, int declaredDelta, int mode, String link) {}

  static Arbitrary<Entry> entry() {
    Arbitrary<Byte> type = Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.just(TarConstants.LF_NORMAL)),
        Tuple.of(3, Arbitraries.just(TarConstants.LF_DIR)),
        Tuple.of(1, Arbitraries.of(TarConstants.LF_SYMLINK, TarConstants.LF_LINK, TarConstants.LF_CHR, TarConstants.LF_BLK,
            TarConstants.LF_FIFO, TarConstants.LF_CONTIG, TarConstants.LF_OLDNORM, (byte) 'Z', TarConstants.LF_GNUTYPE_SPARSE)));
    Arbitrary<Integer> declaredDelta = Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.just(0)), Tuple.of(1, Arbitraries.integers().between(-5, 5)),
        Tuple.of(1, Arbitraries.of(1 << 20, Integer.MAX_VALUE / 2)));
    return Combinators.combine(name(), type, Arbitraries.integers().between(0, 1500), declaredDelta,
        Arbitraries.of(0644, 0755, 04755, 0777, 0, 07777), name()).as(Entry::new);
  }

  static Arbitrary<String> name() {
    Arbitrary<String> segment = Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.of("a", "b", "SKILL.md", "scripts", "run.sh", "A", "skill.md", "dir")),
        Tuple.of(2, Arbitraries.of("..", ".", "", "C:", "a\\..\\..\\b", "x:y", "\u202etxt.sh", "\u0000", "\u200b", "caf\u00e9",
            "cafe\u0301", "\u212b", "\u00c5", "CON", "a ", "~", "$HOME")),
        Tuple.of(1, Arbitraries.strings().ofMinLength(1).ofMaxLength(8)),
        Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(250).ofMaxLength(300)));
    return Arbitraries.frequencyOf(
        Tuple.of(8, segment.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("/", l))),
        Tuple.of(1, Arbitraries.of("../escape", "../sentinel", "../../escape", "/etc/passwd", SANDBOX + "/escape",
            SANDBOX + "/sentinel", SANDBOX + "/target/../escape", "a/../../escape", "dir/", "/", "./", "a//b")),
        Tuple.of(1, Arbitraries.integers().between(30, 45).map(n -> "d/".repeat(n) + "f")));
  }

  /** A tar of {@code entries}, with PAX headers where a name or link needs them. */
  static byte[] tar(List<Entry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      tar.setAddPaxHeadersForNonAsciiNames(true);
      for (Entry e : entries) {
        TarArchiveEntry t = new TarArchiveEntry(e.name().isEmpty() ? "e" : e.name(), e.type(), true);
        t.setMode(e.mode());
        boolean data = e.type() == TarConstants.LF_NORMAL || e.type() == TarConstants.LF_OLDNORM || e.type() == TarConstants.LF_CONTIG;
        if (!data) {
          t.setLinkName(e.link());
        }
        byte[] content = new byte[data ? e.size() : 0];
        java.util.Arrays.fill(content, (byte) 'x');
        t.setSize(content.length);
        tar.putArchiveEntry(t);
        tar.write(content);
        tar.closeArchiveEntry();
      }
      tar.finish();
    } catch (IOException | RuntimeException e) {
      // A combination commons-compress will not write (e.g. a NUL in a name): an empty archive instead.
      return new byte[1024];
    }
    byte[] b = out.toByteArray();
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).declaredDelta() != 0) {
        return lieAboutSize(b, entries.get(i).declaredDelta());
      }
    }
    return b;
  }

  /** Rewrites the size field of the first header so that it declares {@code delta} bytes more than it holds. */
  private static byte[] lieAboutSize(byte[] tar, int delta) {
    if (tar.length < 512) {
      return tar;
    }
    String field = new String(tar, 124, 11, StandardCharsets.US_ASCII).trim();
    long size;
    try {
      size = Long.parseLong(field, 8);
    } catch (NumberFormatException e) {
      return tar;
    }
    long lie = Math.max(0, size + delta);
    byte[] out = tar.clone();
    byte[] octal = String.format("%011o", Math.min(lie, 077777777777L)).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(octal, 0, out, 124, 11);
    int sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : out[i] & 0xff;
    }
    byte[] checksum = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(checksum, 0, out, 148, 8);
    return out;
  }
}
