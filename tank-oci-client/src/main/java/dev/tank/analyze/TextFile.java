package dev.tank.analyze;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * One file after the single pass over its bytes: UTF-8 validity (a NUL byte or invalid UTF-8 makes
 * it binary), the line table, the trigger hits of every enabled check and the runs of base64/hex
 * characters that may be encoded payloads. Everything later (regexes, decoding) looks only at the
 * places this pass marked.
 */
final class TextFile {
  /** Shortest run of base64 characters treated as a possible payload. */
  static final int MIN_BLOB = 24;
  /** Hits of one check closer than this on one line are recorded once (the regex window covers them). */
  private static final int HIT_SPACING = 2048;
  private static final boolean[] BASE64 = new boolean[256];

  static {
    for (int c = 0; c < 256; c++) {
      BASE64[c] = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
          || c == '-' || c == '_';
    }
  }

  final String path;
  final byte[] data;
  final Lang lang;
  boolean binary;
  private int[] lineStart = new int[64];
  int lines;
  /** For Markdown: the language of each line inside a fenced block, else -1. */
  private byte[] fenced;
  final int[][] hits;
  final int[] hitCount;
  int[] blobs = new int[16];
  int blobCount;

  private TextFile(String path, byte[] data, Lang lang, int checks) {
    this.path = path;
    this.data = data;
    this.lang = lang;
    this.hits = new int[checks][];
    this.hitCount = new int[checks];
  }

  /** The one pass. {@code enabled[c]} says whether check {@code c} applies to this file at all. */
  static TextFile scan(String path, byte[] data, Lang lang, Triggers t, boolean[] enabled) {
    TextFile f = new TextFile(path, data, lang, enabled.length);
    f.run(t, enabled);
    if (!f.binary && lang == Lang.MARKDOWN) {
      f.findFences();
    }
    return f;
  }

  private void run(Triggers t, boolean[] enabled) {
    final int[] next = t.next;
    final int[] cls = t.byteClass;
    final int k = t.classes;
    final int[][] outputs = t.outputs;
    final byte[] d = data;
    final int n = d.length;
    int[] lastLine = new int[enabled.length];
    int[] lastOff = new int[enabled.length];
    Arrays.fill(lastLine, -1);
    int state = 0;
    int need = 0;
    int lo = 0x80;
    int hi = 0xBF;
    int line = 0;
    int run = 0;
    lineStart[0] = 0;
    for (int i = 0; i < n; i++) {
      int b = d[i] & 0xff;
      if (need == 0 && b < 0x80) {
        if (b == 0) {
          binary = true;
          return;
        }
      } else if (need == 0) {
        // A UTF-8 lead byte: how many continuation bytes follow, and the range of the first one
        // (which excludes overlong forms, surrogates and code points above U+10FFFF).
        if (b >= 0xC2 && b <= 0xDF) {
          need = 1;
        } else if (b == 0xE0) {
          need = 2;
          lo = 0xA0;
        } else if (b >= 0xE1 && b <= 0xEF) {
          need = 2;
          hi = b == 0xED ? 0x9F : 0xBF;
        } else if (b == 0xF0) {
          need = 3;
          lo = 0x90;
        } else if (b >= 0xF1 && b <= 0xF4) {
          need = 3;
          hi = b == 0xF4 ? 0x8F : 0xBF;
        } else {
          binary = true;
          return;
        }
      } else {
        if (b < lo || b > hi) {
          binary = true;
          return;
        }
        need--;
        lo = 0x80;
        hi = 0xBF;
      }
      int to = next[state + cls[b]];
      if (to < 0) {
        state = ~to;
        for (int c : outputs[state / k]) {
          if (enabled[c] && (lastLine[c] != line || i - lastOff[c] >= HIT_SPACING)) {
            lastLine[c] = line;
            lastOff[c] = i;
            addHit(c, i);
          }
        }
      } else {
        state = to;
      }
      if (BASE64[b]) {
        run++;
      } else {
        if (run >= MIN_BLOB) {
          addBlob(i - run, i);
        }
        run = 0;
        if (b == '\n') {
          line++;
          if (line == lineStart.length) {
            lineStart = Arrays.copyOf(lineStart, line * 2);
          }
          lineStart[line] = i + 1;
        }
      }
    }
    if (need != 0) {
      binary = true;
      return;
    }
    if (run >= MIN_BLOB) {
      addBlob(n - run, n);
    }
    lines = line + 1;
  }

  private void addHit(int c, int offset) {
    int[] h = hits[c];
    if (h == null) {
      h = hits[c] = new int[8];
    } else if (hitCount[c] == h.length) {
      h = hits[c] = Arrays.copyOf(h, h.length * 2);
    }
    h[hitCount[c]++] = offset;
  }

  private void addBlob(int start, int end) {
    if (blobCount * 2 == blobs.length) {
      blobs = Arrays.copyOf(blobs, blobs.length * 2);
    }
    blobs[blobCount * 2] = start;
    blobs[blobCount * 2 + 1] = end;
    blobCount++;
  }

  /** Marks the lines inside ``` and ~~~ fences with the language of their info string. */
  private void findFences() {
    fenced = new byte[lines];
    Arrays.fill(fenced, (byte) -1);
    int fenceChar = 0;
    int fenceLen = 0;
    byte fenceLang = -1;
    for (int l = 0; l < lines; l++) {
      int p = lineStart[l];
      int end = lineEnd(l);
      int indent = 0;
      while (p < end && data[p] == ' ' && indent < 4) {
        p++;
        indent++;
      }
      int q = p;
      while (q < end && (data[q] == '`' || data[q] == '~') && data[q] == data[p]) {
        q++;
      }
      int run = q - p;
      if (fenceChar == 0) {
        if (indent < 4 && run >= 3) {
          fenceChar = data[p];
          fenceLen = run;
          String info = new String(data, q, end - q, StandardCharsets.UTF_8).trim();
          fenceLang = (byte) fenceLanguage(info).ordinal();
        }
      } else if (indent < 4 && run >= fenceLen && data[p] == fenceChar && blank(q, end)) {
        fenceChar = 0;
      } else {
        fenced[l] = fenceLang;
      }
    }
  }

  private boolean blank(int from, int to) {
    for (int i = from; i < to; i++) {
      if (data[i] != ' ' && data[i] != '\t' && data[i] != '\r') {
        return false;
      }
    }
    return true;
  }

  private static Lang fenceLanguage(String info) {
    String word = info.isEmpty() ? "" : info.split("[\\s{,]", 2)[0].toLowerCase(Locale.ROOT);
    return switch (word) {
      case "json", "jsonc", "yaml", "yml", "toml", "xml", "html", "text", "txt", "plain", "plaintext", "markdown", "md",
          "csv", "diff", "ini", "log", "output" -> Lang.DATA;
      case "" -> Lang.OTHER_CODE;
      default -> Lang.ofInterpreter(word);
    };
  }

  /** The code language of line {@code l}, or null when it is prose or data. */
  Lang codeLang(int l) {
    if (lang.code) {
      return lang;
    }
    if (fenced == null || fenced[l] < 0) {
      return null;
    }
    Lang fl = Lang.values()[fenced[l]];
    return fl.code ? fl : null;
  }

  /** Line index (0-based) of byte {@code offset}. */
  int lineOf(int offset) {
    int i = Arrays.binarySearch(lineStart, 0, lines, offset);
    return i >= 0 ? i : -i - 2;
  }

  int lineStart(int l) {
    return lineStart[l];
  }

  /** End of line {@code l}'s content: before its {@code \n} (and a {@code \r} before that). */
  int lineEnd(int l) {
    int end = l + 1 < lines ? lineStart[l + 1] - 1 : data.length;
    if (end > lineStart[l] && data[end - 1] == '\r') {
      end--;
    }
    return end;
  }

  String line(int l) {
    return new String(data, lineStart[l], lineEnd(l) - lineStart[l], StandardCharsets.UTF_8);
  }

  /**
   * True when code line {@code l} continues on the next: it ends with a backslash, a pipe, {@code &&}
   * or {@code ||} (any shell), a backtick (PowerShell) or a caret (batch).
   */
  boolean continues(int l) {
    Lang cl = codeLang(l);
    if (cl == null || l + 1 >= lines || codeLang(l + 1) == null) {
      return false;
    }
    int end = lineEnd(l);
    int s = lineStart[l];
    while (end > s && (data[end - 1] == ' ' || data[end - 1] == '\t')) {
      end--;
    }
    if (end == s) {
      return false;
    }
    byte last = data[end - 1];
    return last == '\\' || last == '|' || (last == '&' && end - 2 >= s && data[end - 2] == '&')
        || (last == '`' && cl == Lang.POWERSHELL) || (last == '^' && cl == Lang.BATCH);
  }
}
