package dev.tank.analyze;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a matched line into evidence that is safe to print and store: secrets redacted, invisible
 * and control characters written as {@code <U+XXXX>}, trimmed to at most {@link #MAX} characters
 * around the match.
 */
final class Evidence {
  static final int MAX = 200;

  /** Secret values, in group 1 where only part of the match is secret. Kept with the catalogue's token shapes. */
  private static final Pattern[] SECRETS = {
    Pattern.compile("-----BEGIN [A-Z0-9 ]{0,30}PRIVATE KEY(?: BLOCK)?-----[\\s\\S]{0,8000}?(?:-----END [A-Z0-9 ]{0,30}-----|$)"),
    Pattern.compile(LineChecks.TOKEN_SHAPES),
    Pattern.compile("(?i)\\b(?:authorization|bearer|token|password|passwd|pwd|secret|api[_-]?key|access[_-]?key|"
        + "access[_-]?token|auth[_-]?token|client[_-]?secret|private[_-]?key)[\"']?\\s{0,5}(?::=|=>|=|:)\\s{0,5}"
        + "[\"']?(?:bearer\\s+|basic\\s+|token\\s+)?([^\\s\"',;$<%{][^\\s\"',;]{5,})"),
    Pattern.compile("(?i)\\bauthorization:\\s{0,5}(?:bearer|basic|token)\\s+([^\\s\"'$<%{][^\\s\"']{5,})"),
    Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]{1,15}://[^\\s:/@\"']{1,64}:([^\\s@/\"']{1,64})@"),
    Pattern.compile("(?i)\\b(?:unzip\\b[^\\n]{0,120}\\s-P|7z[az]?\\s[^\\n]{0,200}\\s-p|unrar\\s[^\\n]{0,200}\\s-p)\\s?([^\\s\"']{1,64})"),
  };

  private Evidence() {}

  /** Evidence for a match at {@code start} in {@code text}. */
  static String of(String text, int start) {
    int from = Math.max(0, start - 120);
    int to = Math.min(text.length(), start + 600);
    // Redact before cutting, so that a token cut in half is still recognised as one. Positions
    // after redaction and escaping are approximate, which is fine for choosing a window.
    String s = visible(redact(text.substring(from, to)));
    int at = start - from;
    int lead = s.length() - s.stripLeading().length();
    s = s.strip();
    at = Math.max(0, Math.min(s.length(), at - lead));
    boolean cutLeft = from > 0;
    boolean cutRight = to < text.length();
    if (s.length() <= MAX && !cutLeft && !cutRight) {
      return s;
    }
    int width = MAX - 2;
    int begin = Math.max(0, Math.min(at - 40, s.length() - width));
    int end = Math.min(s.length(), begin + width);
    if (begin > 0 && Character.isLowSurrogate(s.charAt(begin))) {
      begin++;
    }
    if (end < s.length() && end > begin && Character.isLowSurrogate(s.charAt(end))) {
      end--;
    }
    return (cutLeft || begin > 0 ? "…" : "") + s.substring(begin, end) + (cutRight || end < s.length() ? "…" : "");
  }

  /** Replaces secret values with {@code [REDACTED]}, keeping a short prefix so the kind stays visible. */
  static String redact(String s) {
    String out = s;
    for (Pattern p : SECRETS) {
      Matcher m = p.matcher(out);
      StringBuilder sb = new StringBuilder();
      boolean any = false;
      while (m.find()) {
        any = true;
        int gs = m.groupCount() >= 1 && m.group(1) != null ? m.start(1) : m.start();
        int ge = m.groupCount() >= 1 && m.group(1) != null ? m.end(1) : m.end();
        String secret = out.substring(gs, ge);
        String keep = secret.startsWith("-----") ? "-----BEGIN … PRIVATE KEY-----" : secret.substring(0, Math.min(4, secret.length() / 4));
        m.appendReplacement(sb, Matcher.quoteReplacement(out.substring(m.start(), gs) + keep + "[REDACTED]" + out.substring(ge, m.end())));
      }
      if (any) {
        m.appendTail(sb);
        out = sb.toString();
      }
    }
    return out;
  }

  /** Control, bidi, zero-width, tag and variation-selector characters as {@code <U+XXXX>}; tabs as spaces. */
  static String visible(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int n = Character.charCount(cp);
      boolean hide = cp == '\t' ? false : invisible(cp);
      if (hide || cp == '\t') {
        if (sb == null) {
          sb = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        sb.append(cp == '\t' ? " " : String.format("<U+%04X>", cp));
      } else if (sb != null) {
        sb.appendCodePoint(cp);
      }
      i += n;
    }
    return sb == null ? s : sb.toString();
  }

  /** Characters a reader cannot see or that reorder what they see. */
  static boolean invisible(int cp) {
    return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || cp == 0xad
        || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f)
        || cp == 0x180e || cp == 0xfeff || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0000 && cp <= 0xe01ef)
        || cp == 0x2028 || cp == 0x2029;
  }
}
