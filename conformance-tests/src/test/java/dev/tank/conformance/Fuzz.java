package dev.tank.conformance;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.opentest4j.AssertionFailedError;

/**
 * Shared parts of the parser fuzz tests: the property every parser must keep (it returns, or it
 * throws a {@link TankException} with a code; nothing else, no hang, no {@link OutOfMemoryError}),
 * byte-level mutations of valid inputs, and the valid inputs kept in {@code tank-mediatypes}.
 */
final class Fuzz {
  /** Longest one parser call may take; far above what any of them needs on a valid input. */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(Long.getLong("tank.fuzz.callTimeoutSeconds", 20));

  private Fuzz() {}

  /**
   * Runs {@code parse}; returns its result, or null when it threw a {@link TankException} that says
   * what went wrong. Any other exception or error, a call longer than {@link #CALL_TIMEOUT}, an
   * {@link ErrorCode#INTERNAL} code (Tank's own word for "a bug") or a blank message fails.
   */
  static <T> T onlyTankErrors(String parser, byte[] input, ThrowingSupplier<T> parse) {
    try {
      return assertTimeoutPreemptively(CALL_TIMEOUT, parse, () -> parser + " did not return within " + CALL_TIMEOUT + " on " + show(input));
    } catch (TankException e) {
      if (e.code() == ErrorCode.INTERNAL || e.what().isBlank()) {
        throw new AssertionError(parser + " failed with an internal or empty error on " + show(input) + ": " + e.getMessage(), e);
      }
      return null;
    } catch (AssertionFailedError e) {
      throw e;
    } catch (Throwable t) {
      throw new AssertionError(parser + " threw " + t + " (not a TankException) on " + show(input), t);
    }
  }

  /** The input, short enough for a failure message: text when it is text, else hex. */
  static String show(byte[] input) {
    byte[] head = Arrays.copyOf(input, Math.min(input.length, 600));
    String text = new String(head, StandardCharsets.UTF_8);
    boolean printable = text.chars().allMatch(c -> c >= 0x20 && c != 0xFFFD || c == '\n' || c == '\t' || c == '\r');
    String shown = printable ? "text '" + text + "'" : "bytes " + HexFormat.of().formatHex(head);
    return input.length + " bytes, " + shown + (input.length > head.length ? "…" : "");
  }

  // --- mutations of valid inputs ---

  /** One edit of a byte string; positions are taken modulo its length, so any int is valid. */
  record Mutation(Kind kind, int position, int length, byte[] data) {
    enum Kind { FLIP_BIT, SET_BYTE, DELETE, INSERT, DUPLICATE, TRUNCATE, INSERT_TOKEN }

    byte[] applyTo(byte[] in, List<byte[]> tokens) {
      int n = in.length;
      int at = n == 0 ? 0 : Math.floorMod(position, n + 1);
      return switch (kind) {
        case FLIP_BIT -> {
          if (n == 0) {
            yield in;
          }
          byte[] out = in.clone();
          out[Math.floorMod(position, n)] ^= (byte) (1 << Math.floorMod(length, 8));
          yield out;
        }
        case SET_BYTE -> {
          if (n == 0 || data.length == 0) {
            yield in;
          }
          byte[] out = in.clone();
          out[Math.floorMod(position, n)] = data[0];
          yield out;
        }
        case DELETE -> concat(Arrays.copyOfRange(in, 0, at), Arrays.copyOfRange(in, Math.min(n, at + length), n));
        case INSERT -> concat(Arrays.copyOfRange(in, 0, at), data, Arrays.copyOfRange(in, at, n));
        case DUPLICATE -> {
          byte[] piece = Arrays.copyOfRange(in, at, Math.min(n, at + length));
          // Repeating a piece (a key, a header, a nesting bracket) up to 64 times.
          byte[][] parts = new byte[2 + Math.floorMod(length, 64)][];
          parts[0] = Arrays.copyOfRange(in, 0, at);
          for (int i = 1; i < parts.length - 1; i++) {
            parts[i] = piece;
          }
          parts[parts.length - 1] = Arrays.copyOfRange(in, at, n);
          yield concat(parts);
        }
        case TRUNCATE -> Arrays.copyOf(in, at);
        case INSERT_TOKEN -> concat(Arrays.copyOfRange(in, 0, at), tokens.get(Math.floorMod(length, tokens.size())),
            Arrays.copyOfRange(in, at, n));
      };
    }
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static Arbitrary<Mutation> mutation() {
    return Combinators.combine(
            Arbitraries.of(Mutation.Kind.class),
            Arbitraries.integers().between(0, Integer.MAX_VALUE),
            Arbitraries.integers().between(0, 300),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(24))
        .as(Mutation::new);
  }

  /** {@code seeds}, each changed by one to eight mutations. */
  static Arbitrary<byte[]> mutated(List<byte[]> seeds, List<byte[]> tokens) {
    return Combinators.combine(Arbitraries.of(seeds), mutation().list().ofMinSize(1).ofMaxSize(8))
        .as((seed, ms) -> {
          byte[] b = seed;
          for (Mutation m : ms) {
            b = m.applyTo(b, tokens);
          }
          return b;
        });
  }

  /** Raw random bytes, mostly short, sometimes long. */
  static Arbitrary<byte[]> randomBytes() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, Arbitraries.bytes().array(byte[].class).ofMaxSize(256)),
        // Long arrays from a seed: jqwik builds arrays element by element, which is slow at this size.
        net.jqwik.api.Tuple.of(1, Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(257, 64 * 1024))
            .as((seed, size) -> {
              byte[] b = new byte[size];
              new java.util.Random(seed).nextBytes(b);
              return b;
            })));
  }

  static List<byte[]> utf8(String... texts) {
    List<byte[]> out = new ArrayList<>();
    for (String t : texts) {
      out.add(t.getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  /** Tokens that tend to break JSON readers: edges of numbers, strings, nesting and encoding. */
  static final List<byte[]> JSON_TOKENS = utf8("{", "}", "[", "]", "\"", ":", ",", "null", "true", "-0", "1e999999",
      "-9223372036854775809", "99999999999999999999999999999", "0.0000000000000000000001", "\"\\uD800\"", "\\u0000",
      "\"\\u0000\"", "[".repeat(200), "{\"a\":".repeat(100), "\"" + "x".repeat(5000) + "\"", "\uFEFF", "/*", "//", "NaN",
      "\"@acme/x\"", "\"*\"", "\">=1.0.0 <2.0.0 || ^3\"", "\"sha256:\"", "\"sha512-\"", "\"../../etc\"", "{}", "[]", "\u00e9",
      "\"\\/\"", "\t\n\r ", "\"schemaVersion\":1,", "\"lockfileVersion\":1,");

  // --- valid inputs kept in tank-mediatypes ---

  /** {@code tank-mediatypes/src/test/resources/fixtures/<kind>/valid/*.json}; fails when the folder is missing. */
  static List<byte[]> validFixtures(String kind) {
    Path dir = fixtures().resolve(kind).resolve("valid");
    try (Stream<Path> s = Files.list(dir)) {
      List<byte[]> out = new ArrayList<>();
      for (Path p : s.sorted().toList()) {
        out.add(Files.readAllBytes(p));
      }
      if (out.isEmpty()) {
        throw new IllegalStateException("no valid fixtures in " + dir);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the fixtures in " + dir, e);
    }
  }

  /** Invalid fixtures too: they sit one edit away from parser corners. */
  static List<byte[]> invalidFixtures(String kind) {
    Path dir = fixtures().resolve(kind).resolve("invalid");
    try (Stream<Path> s = Files.list(dir)) {
      List<byte[]> out = new ArrayList<>();
      for (Path p : s.sorted().toList()) {
        out.add(Files.readAllBytes(p));
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the fixtures in " + dir, e);
    }
  }

  private static Path fixtures() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path f = d.resolve("tank-mediatypes/src/test/resources/fixtures");
      if (Files.isDirectory(f)) {
        return f;
      }
    }
    throw new IllegalStateException("tank-mediatypes/src/test/resources/fixtures not found above " + Path.of("").toAbsolutePath());
  }
}
