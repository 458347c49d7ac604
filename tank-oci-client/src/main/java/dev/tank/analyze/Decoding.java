package dev.tank.analyze;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decoding of hidden payloads, for one more scan: base64 (standard or URL-safe, padding optional)
 * and hex runs, and char-code spellings. Only results that are valid UTF-8 and mostly printable
 * count as text; everything is bounded in size.
 */
final class Decoding {
  /** Encoded characters decoded per payload at most. */
  static final int MAX_ENCODED = 256 * 1024;
  /** Shortest decoded text worth scanning again. */
  static final int MIN_TEXT = 8;

  private static final int[] B64 = new int[256];
  private static final Pattern NUMBER = Pattern.compile("(?i)0x[0-9a-f]{1,4}|\\d{1,5}");
  private static final Pattern HEX_ESCAPE = Pattern.compile("(?i)\\\\x([0-9a-f]{2})");
  private static final Pattern UNICODE_ESCAPE = Pattern.compile("(?i)\\\\u([0-9a-f]{4})");
  private static final Pattern OCTAL_ESCAPE = Pattern.compile("\\\\([0-3][0-7]{2})");
  private static final Pattern HEX_LITERAL = Pattern.compile("(?i)[\"']([0-9a-f]{32,})[\"']");
  /** What makes decoded text "code": commands, interpreters, URLs, shell syntax. */
  private static final Pattern CODE_LIKE = Pattern.compile("(?i)#!|\\b(?:curl|wget|bash|zsh|sh\\s+-c|/bin/(?:ba)?sh|powershell"
      + "|pwsh|iex|invoke-expression|invoke-webrequest|eval|exec|import\\s+\\w|require\\s*\\(|subprocess|os\\.system"
      + "|child_process|chmod|rm\\s+-rf|nc\\s+-|/dev/tcp|socket|base64\\s+-d|python[0-9.]*\\s+-c|osascript|sudo)\\b"
      + "|https?://");

  static {
    java.util.Arrays.fill(B64, -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      B64[alphabet.charAt(i)] = i;
    }
    B64['-'] = 62;
    B64['_'] = 63;
  }

  private Decoding() {}

  /**
   * A cheap first test: whether the run's first characters decode (as hex or base64) to printable
   * ASCII. Identifiers, paths and random keys fail here, before anything is allocated.
   */
  static boolean plausible(byte[] d, int start) {
    int h0 = Character.digit(d[start], 16);
    int h1 = Character.digit(d[start + 1], 16);
    int h2 = Character.digit(d[start + 2], 16);
    int h3 = Character.digit(d[start + 3], 16);
    if (h0 >= 0 && h1 >= 0 && h2 >= 0 && h3 >= 0 && printableAscii(h0 << 4 | h1) && printableAscii(h2 << 4 | h3)) {
      return true;
    }
    int v0 = B64[d[start] & 0xff];
    int v1 = B64[d[start + 1] & 0xff];
    int v2 = B64[d[start + 2] & 0xff];
    int v3 = B64[d[start + 3] & 0xff];
    if ((v0 | v1 | v2 | v3) < 0) {
      return false;
    }
    int bits = v0 << 18 | v1 << 12 | v2 << 6 | v3;
    return printableAscii(bits >> 16) && printableAscii(bits >> 8 & 0xff) && printableAscii(bits & 0xff);
  }

  private static boolean printableAscii(int b) {
    return b >= 0x20 && b < 0x7f || b == '\n' || b == '\r' || b == '\t';
  }

  /** Decodes an encoded run ({@code segments} = start,end pairs into {@code data}); null when not text. */
  static String blob(byte[] data, int[] segments) {
    ByteArrayOutputStream enc = new ByteArrayOutputStream();
    for (int i = 0; i < segments.length && enc.size() < MAX_ENCODED; i += 2) {
      enc.write(data, segments[i], Math.min(segments[i + 1] - segments[i], MAX_ENCODED - enc.size()));
    }
    byte[] e = enc.toByteArray();
    if (isHex(e)) {
      String t = text(hex(e));
      if (t != null) {
        return t;
      }
    }
    return text(base64(e));
  }

  private static boolean isHex(byte[] e) {
    if (e.length % 2 != 0) {
      return false;
    }
    for (byte b : e) {
      if (Character.digit(b, 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static byte[] hex(byte[] e) {
    byte[] out = new byte[e.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (Character.digit(e[2 * i], 16) << 4 | Character.digit(e[2 * i + 1], 16));
    }
    return out;
  }

  /** Lenient base64: both alphabets, no padding needed, a dangling last character ignored. */
  static byte[] base64(byte[] e) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(e.length * 3 / 4 + 3);
    int acc = 0;
    int bits = 0;
    for (byte b : e) {
      int v = B64[b & 0xff];
      if (v < 0) {
        continue;
      }
      acc = acc << 6 | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out.write(acc >> bits & 0xff);
      }
    }
    return out.toByteArray();
  }

  /** The bytes as text when they are valid UTF-8, long enough and at least 90% printable; else null. */
  static String text(byte[] b) {
    if (b.length < MIN_TEXT) {
      return null;
    }
    String s;
    try {
      s = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
    int printable = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n' || c == '\r' || c == '\t' || (c >= 0x20 && c != 0x7f && (c < 0x80 || Character.isLetterOrDigit(c)))) {
        printable++;
      }
    }
    return printable * 10 >= s.length() * 9 ? s : null;
  }

  /** Whether decoded text reads like commands or code rather than prose or data. */
  static boolean codeLike(String s) {
    return CODE_LIKE.matcher(s).find();
  }

  /** The text spelled by a char-code match (fromCharCode, chr(), [char], escapes, hex literals); null when not text. */
  static String charCodes(MatchResult m) {
    String g = m.group();
    String lower = g.toLowerCase(Locale.ROOT);
    if (lower.contains("fromcharcode") || lower.contains("chr") || lower.contains("[char]")) {
      StringBuilder sb = new StringBuilder();
      String args = lower.contains("fromcharcode") ? g.substring(g.indexOf('(') + 1) : g;
      Matcher n = NUMBER.matcher(args.replaceAll("(?i)\\[char\\]|chr", " "));
      while (n.find() && sb.length() < MAX_ENCODED) {
        String t = n.group().toLowerCase(Locale.ROOT);
        int v = t.startsWith("0x") ? Integer.parseInt(t.substring(2), 16) : Integer.parseInt(t);
        if (v > 0xFFFF) {
          return null;
        }
        sb.append((char) v);
      }
      return text(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
    if (lower.contains("fromhex") || lower.contains("unhexlify")) {
      Matcher h = HEX_LITERAL.matcher(g);
      return h.find() && h.group(1).length() % 2 == 0
          ? text(hex(h.group(1).getBytes(StandardCharsets.US_ASCII))) : null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Matcher x = HEX_ESCAPE.matcher(g);
    if (x.find()) {
      do {
        out.write(Integer.parseInt(x.group(1), 16));
      } while (x.find());
      return text(out.toByteArray());
    }
    Matcher u = UNICODE_ESCAPE.matcher(g);
    if (u.find()) {
      StringBuilder sb = new StringBuilder();
      do {
        sb.append((char) Integer.parseInt(u.group(1), 16));
      } while (u.find());
      return text(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
    Matcher o = OCTAL_ESCAPE.matcher(g);
    while (o.find()) {
      out.write(Integer.parseInt(o.group(1), 8));
    }
    return text(out.toByteArray());
  }
}
