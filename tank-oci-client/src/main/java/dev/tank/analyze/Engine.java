package dev.tank.analyze;

import dev.tank.mediatypes.Permissions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Runs the line checks over one file: the single {@link TextFile} pass finds candidate lines, each
 * check's expression runs only there (on the logical line, or on a bounded window of a very long
 * line), and base64/hex runs and char-code spellings are decoded and scanned once more by the
 * download-and-execute and exfiltration rules. Immutable and thread-safe.
 */
final class Engine {
  /** The most characters one expression sees at once; longer lines are scanned in windows around hits. */
  static final int WINDOW = 8192;
  /** A physical line joins its neighbours through at most this many continuations. */
  private static final int MAX_CONTINUATION = 8;
  /** Windows one check may run on one long line; more is reported as {@code analysis-limit}. */
  static final int MAX_WINDOWS_PER_LINE = 8;
  /** Characters of candidate text one check may run its expression on per file. */
  static final int REGEX_BUDGET = 1 << 20;
  /** Findings kept per rule and file; the rest of a flood adds nothing. */
  static final int MAX_PER_RULE_AND_FILE = 100;
  /** Encoded runs decoded per file, and encoded bytes decoded per file, at most. */
  private static final int MAX_BLOBS = 2000;
  private static final int MAX_BLOB_BYTES = 4 * 1024 * 1024;
  /** Matches one check may reject on one window before giving up on it. */
  private static final int MAX_TRIES = 32;
  private static final Set<String> RESCANNED = Set.of(Catalog.DOWNLOAD_EXEC, Catalog.EXFIL);

  private final List<Check> checks;
  private final Triggers triggers;
  private final boolean[][] enabledByLang;
  private final boolean[] enabledDecoded;

  Engine(List<Check> checks) {
    this.checks = List.copyOf(checks);
    List<List<String>> lits = new ArrayList<>();
    for (Check c : checks) {
      lits.add(c.triggers());
    }
    triggers = new Triggers(lits);
    enabledByLang = new boolean[Lang.values().length][];
    for (Lang lang : Lang.values()) {
      boolean[] e = new boolean[checks.size()];
      for (int i = 0; i < e.length; i++) {
        e[i] = switch (checks.get(i).scope()) {
          case ANY -> true;
          case CODE -> lang.code || lang == Lang.MARKDOWN;
          case SCRIPT -> lang.code;
          case PROSE -> !lang.code;
          case MARKDOWN -> lang == Lang.MARKDOWN;
        };
      }
      enabledByLang[lang.ordinal()] = e;
    }
    enabledDecoded = new boolean[checks.size()];
    for (int i = 0; i < enabledDecoded.length; i++) {
      Check c = checks.get(i);
      enabledDecoded[i] = RESCANNED.contains(c.rule().category())
          && (c.scope() == Check.Scope.ANY || c.scope() == Check.Scope.CODE);
    }
  }

  /** Scans one file's text; returns false (and finds nothing) when the file is binary. */
  boolean scan(String path, byte[] data, Permissions declared, List<Finding> out) {
    Lang lang = Lang.ofFile(path, data);
    TextFile f = TextFile.scan(path, data, lang, triggers, enabledByLang[lang.ordinal()]);
    if (f.binary) {
      return false;
    }
    Sink sink = new Sink();
    runChecks(f, declared, 0, sink);
    if (lang == Lang.MARKDOWN) {
      HiddenComments.scan(f, sink::add);
    }
    decodeBlobs(f, declared, sink);
    out.addAll(sink.found.values());
    return true;
  }

  private void runChecks(TextFile f, Permissions declared, int depth, Sink sink) {
    for (int ci = 0; ci < checks.size(); ci++) {
      if (f.hitCount[ci] > 0) {
        runCheck(ci, f, declared, depth, sink);
      }
    }
  }

  private void runCheck(int ci, TextFile f, Permissions declared, int depth, Sink sink) {
    Check ck = checks.get(ci);
    int lastBlock = -1;
    int coveredTo = -1;
    long budget = REGEX_BUDGET;
    int windowBlock = -1;
    int windows = 0;
    int[] hits = f.hits[ci];
    for (int h = 0; h < f.hitCount[ci] && !sink.full(ck.rule().id()); h++) {
      int off = hits[h];
      if (off < coveredTo) {
        continue;
      }
      int l = f.lineOf(off);
      Lang lang = f.codeLang(l);
      if (!inScope(ck.scope(), f, lang) || (ck.langs() != null && !ck.langs().contains(lang))) {
        continue;
      }
      int bs = l;
      while (bs > 0 && l - bs < MAX_CONTINUATION && f.continues(bs - 1)) {
        bs--;
      }
      int be = l;
      while (be - l < MAX_CONTINUATION && f.continues(be)) {
        be++;
      }
      if (bs == lastBlock) {
        continue;
      }
      int from = f.lineStart(bs);
      int to = f.lineEnd(be);
      String text;
      if (to - from <= WINDOW) {
        text = joined(f, bs, be);
        coveredTo = to;
      } else {
        windows = bs == windowBlock ? windows + 1 : 1;
        windowBlock = bs;
        if (windows > MAX_WINDOWS_PER_LINE) {
          limit(f, bs, ck, "rule " + ck.rule().id() + " stopped after " + MAX_WINDOWS_PER_LINE + " windows of this "
              + (to - from) + "-byte line", sink);
          coveredTo = to;
          continue;
        }
        int ws = utf8Start(f.data, Math.max(from, off - 2048));
        int we = utf8Start(f.data, Math.min(to, ws + WINDOW));
        text = new String(f.data, ws, we - ws, StandardCharsets.UTF_8).replace('\n', ' ');
        coveredTo = Math.max(off + 1, we - 2048);
      }
      budget -= text.length();
      if (budget < 0) {
        limit(f, bs, ck, "rule " + ck.rule().id() + " stopped after " + REGEX_BUDGET + " characters of candidate text "
            + "in this file", sink);
        return;
      }
      Candidate cand = new Candidate(f, bs, text, lang, declared);
      if (match(ck, cand, depth, sink)) {
        lastBlock = bs;
        coveredTo = Math.max(coveredTo, to);
      }
    }
  }

  /** Reports text a check had to leave unread. */
  private static void limit(TextFile f, int line, Check ck, String why, Sink sink) {
    Rule r = Catalog.ANALYSIS_LIMIT;
    String start = new String(f.data, f.lineStart(line), Math.min(400, f.lineEnd(line) - f.lineStart(line)),
        StandardCharsets.UTF_8);
    sink.add(new Finding(r.id(), r.category(), r.severity(), f.path, line + 1, Evidence.of(start, 0),
        r.title() + ": " + why));
  }

  private boolean match(Check ck, Candidate cand, int depth, Sink sink) {
    if (ck.also() != null && !ck.also().matcher(cand.text).find()) {
      return false;
    }
    Matcher m = ck.pattern().matcher(cand.text);
    for (int tries = 0; tries < MAX_TRIES && m.find(); tries++) {
      if (ck.refine() != null && !ck.refine().accept(cand, m)) {
        continue;
      }
      Rule r = ck.rule();
      String message = ck.describe() == null ? r.title() : ck.describe().message(cand, m);
      sink.add(new Finding(r.id(), r.category(), r.severity(), cand.file.path, cand.line + 1,
          Evidence.of(cand.text, cand.anchor >= 0 ? cand.anchor : m.start()), message));
      if (ck.decode() != null && depth == 0) {
        String payload = ck.decode().decode(m);
        if (payload != null) {
          rescan(payload, cand.file.path, cand.line, cand.declared, "character codes", sink);
        }
      }
      return true;
    }
    return false;
  }

  private static boolean inScope(Check.Scope scope, TextFile f, Lang lang) {
    return switch (scope) {
      case ANY -> true;
      case CODE -> lang != null;
      case SCRIPT -> f.lang.code;
      case PROSE -> lang == null;
      case MARKDOWN -> f.lang == Lang.MARKDOWN;
    };
  }

  /** Lines {@code bs..be} as one: a trailing backslash continuation is dropped, lines are joined with a space. */
  private static String joined(TextFile f, int bs, int be) {
    if (bs == be) {
      return f.line(bs);
    }
    StringBuilder sb = new StringBuilder();
    for (int l = bs; l <= be; l++) {
      String s = f.line(l);
      if (l < be) {
        String t = s.stripTrailing();
        s = t.endsWith("\\") ? t.substring(0, t.length() - 1) : t;
      }
      sb.append(s);
      if (l < be) {
        sb.append(' ');
      }
    }
    return sb.toString();
  }

  /** Moves {@code i} back to the start of a UTF-8 sequence. */
  private static int utf8Start(byte[] d, int i) {
    while (i > 0 && i < d.length && (d[i] & 0xC0) == 0x80) {
      i--;
    }
    return i;
  }

  /** Base64 and hex runs (joined across wrapped lines) that decode to text are reported and scanned again. */
  private void decodeBlobs(TextFile f, Permissions declared, Sink sink) {
    long budget = MAX_BLOB_BYTES;
    int decoded = 0;
    for (int i = 0; i < f.blobCount && decoded < MAX_BLOBS && budget > 0; ) {
      if (!Decoding.plausible(f.data, f.blobs[2 * i])) {
        i++;
        continue;
      }
      List<Integer> segs = new ArrayList<>();
      int start = f.blobs[2 * i];
      int end = f.blobs[2 * i + 1];
      segs.add(start);
      segs.add(end);
      int j = i + 1;
      // base64 tools wrap at 64 or 76 columns: a run that fills its line continues on the next one.
      while (j < f.blobCount && end - start >= 60 && endsLine(f, end) && startsNextLine(f, end, f.blobs[2 * j])) {
        start = f.blobs[2 * j];
        end = f.blobs[2 * j + 1];
        segs.add(start);
        segs.add(end);
        j++;
      }
      int[] s = segs.stream().mapToInt(Integer::intValue).toArray();
      long size = 0;
      for (int k = 0; k < s.length; k += 2) {
        size += s[k + 1] - s[k];
      }
      budget -= Math.min(size, Decoding.MAX_ENCODED);
      decoded++;
      String text = Decoding.blob(f.data, s);
      if (text != null) {
        int line = f.lineOf(s[0]);
        Sink inner = new Sink();
        rescan(text, f.path, line, declared, "base64/hex", inner);
        if (!inner.found.isEmpty() || Decoding.codeLike(text)) {
          Rule r = Catalog.ENCODED_BLOB;
          String preview = Evidence.visible(Evidence.redact(text.strip()));
          preview = preview.length() > 80 ? preview.substring(0, 80) + "…" : preview;
          sink.add(new Finding(r.id(), r.category(), r.severity(), f.path, line + 1,
              Evidence.of(f.line(line), s[0] - f.lineStart(line)), r.title() + ": decodes to \"" + preview + "\""));
          inner.found.values().forEach(sink::add);
        }
      }
      i = j;
    }
  }

  private static boolean endsLine(TextFile f, int end) {
    int l = f.lineOf(end - 1);
    return end == f.lineEnd(l);
  }

  private static boolean startsNextLine(TextFile f, int prevEnd, int start) {
    int l = f.lineOf(prevEnd - 1);
    if (l + 1 >= f.lines) {
      return false;
    }
    int p = f.lineStart(l + 1);
    while (p < start && (f.data[p] == ' ' || f.data[p] == '\t')) {
      p++;
    }
    return p == start;
  }

  /**
   * Scans decoded text (one level deep: no decoding inside it) with the download-and-execute and
   * exfiltration rules; findings point at the line that held the encoded text.
   */
  private void rescan(String text, String path, int line, Permissions declared, String how, Sink sink) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    TextFile f = TextFile.scan(path, bytes, Lang.SHELL, triggers, enabledDecoded);
    if (f.binary) {
      return;
    }
    Sink inner = new Sink();
    runChecks(f, declared, 1, inner);
    for (Finding x : inner.found.values()) {
      String ev = "decoded: " + x.evidence();
      sink.add(new Finding(x.ruleId(), x.category(), x.severity(), path, line + 1,
          ev.length() > Evidence.MAX ? ev.substring(0, Evidence.MAX - 1) + "…" : ev,
          x.message() + " (in text decoded from " + how + ")"));
    }
  }

  /** Findings of one file: one per rule and line (the first wins), at most {@link #MAX_PER_RULE_AND_FILE} per rule. */
  static final class Sink {
    final Map<String, Finding> found = new LinkedHashMap<>();
    private final Map<String, Integer> perRule = new LinkedHashMap<>();

    /** True once a rule has its {@link #MAX_PER_RULE_AND_FILE} findings: looking further is wasted work. */
    boolean full(String ruleId) {
      return perRule.getOrDefault(ruleId, 0) >= MAX_PER_RULE_AND_FILE;
    }

    void add(Finding f) {
      String key = f.ruleId() + "\u0000" + f.line();
      if (found.containsKey(key) || perRule.getOrDefault(f.ruleId(), 0) >= MAX_PER_RULE_AND_FILE) {
        return;
      }
      perRule.merge(f.ruleId(), 1, Integer::sum);
      found.put(key, f);
    }
  }
}
