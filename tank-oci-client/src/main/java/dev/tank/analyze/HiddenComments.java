package dev.tank.analyze;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The {@code hidden-comment-instruction} rule: text a Markdown renderer hides but an agent reads,
 * namely HTML comments (which may span lines) and link-reference "comments" such as
 * {@code [//]: # (text)}, when that text addresses the agent or holds commands or secrets.
 */
final class HiddenComments {
  /** Longest comment body examined. */
  private static final int MAX_BODY = 64 * 1024;
  private static final byte[] OPEN = "<!--".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CLOSE = "-->".getBytes(StandardCharsets.US_ASCII);
  private static final Pattern LINK_COMMENT = Pattern.compile("^\\s{0,3}\\[[^\\]]{0,40}\\]:\\s*(?:#|<>)\\s+[(\"'](.*)[)\"']\\s*$");
  /** Text that addresses the agent, or commands, secrets and exfiltration verbs. */
  private static final Pattern SUSPICIOUS = Pattern.compile("(?i)\\b(?:ignore\\s+(?:all|any|the|previous|prior|above|your|these"
      + "|this|everything)|disregard|instructions?\\b|you\\s+(?:must|should|will|are|need|have\\s+to)|(?:do\\s+not|don't|never)"
      + "\\s+(?:tell|mention|show|reveal|inform)|system\\s+prompt|curl|wget|bash\\s+-c|powershell|iex|invoke-expression"
      + "|base64\\s+-d|rm\\s+-rf|exfiltrate|api[_ -]?keys?|passwords?|credentials?|private\\s+keys?)\\b|~/\\.ssh|\\.aws/"
      + "|(?<![\\w.])\\.env\\b");

  private HiddenComments() {}

  static void scan(TextFile f, Consumer<Finding> out) {
    byte[] d = f.data;
    int i = 0;
    while ((i = indexOf(d, OPEN, i)) >= 0) {
      int bodyStart = i + OPEN.length;
      int close = indexOf(d, CLOSE, bodyStart);
      int bodyEnd = close < 0 ? d.length : close;
      int end = Math.min(bodyEnd, bodyStart + MAX_BODY);
      while (end > bodyStart && end < d.length && (d[end] & 0xC0) == 0x80) {
        end--;
      }
      String body = new String(d, bodyStart, end - bodyStart, StandardCharsets.UTF_8);
      int line = f.lineOf(i);
      if (f.codeLang(line) == null) {
        report(f, line, body, out);
      }
      i = close < 0 ? d.length : close + CLOSE.length;
    }
    for (int l = 0; l < f.lines; l++) {
      int p = f.lineStart(l);
      int e = f.lineEnd(l);
      while (p < e && p - f.lineStart(l) < 3 && d[p] == ' ') {
        p++;
      }
      if (p >= e || d[p] != '[' || e - p > MAX_BODY || f.codeLang(l) != null) {
        continue;
      }
      var m = LINK_COMMENT.matcher(f.line(l));
      if (m.matches()) {
        report(f, l, m.group(1), out);
      }
    }
  }

  private static void report(TextFile f, int line, String body, Consumer<Finding> out) {
    var m = SUSPICIOUS.matcher(body);
    if (m.find()) {
      Rule r = Catalog.HIDDEN_COMMENT;
      String flat = body.replace('\n', ' ').replace('\r', ' ');
      out.accept(new Finding(r.id(), r.category(), r.severity(), f.path, line + 1, Evidence.of(flat, m.start()),
          r.title() + " (mentions '" + m.group().strip() + "')"));
    }
  }

  private static int indexOf(byte[] d, byte[] pat, int from) {
    outer:
    for (int i = Math.max(0, from); i <= d.length - pat.length; i++) {
      for (int j = 0; j < pat.length; j++) {
        if (d[i + j] != pat[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
