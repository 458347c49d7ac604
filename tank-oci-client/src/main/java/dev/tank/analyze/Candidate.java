package dev.tank.analyze;

import dev.tank.mediatypes.Permissions;
import java.util.regex.MatchResult;

/**
 * A place a check's expression matched, as its refinement sees it: the logical line's text, the
 * file, the line's language and the permissions the skill declared.
 */
final class Candidate {
  final TextFile file;
  /** 0-based index of the first physical line of the logical line. */
  final int line;
  final String text;
  /** The code language of the line, or null for prose and data. */
  final Lang lang;
  final Permissions declared;
  /** Where the evidence should centre, when a refinement knows better than the match start; -1 otherwise. */
  int anchor = -1;

  Candidate(TextFile file, int line, String text, Lang lang, Permissions declared) {
    this.file = file;
    this.line = line;
    this.text = text;
    this.lang = lang;
    this.declared = declared;
  }

  /** File name (last path segment). */
  String fileName() {
    return file.path.substring(file.path.lastIndexOf('/') + 1);
  }

  /** Up to {@code n} characters of the line before the match. */
  String before(MatchResult m, int n) {
    return text.substring(Math.max(0, m.start() - n), m.start());
  }

  /** Up to {@code n} characters of the line after the match. */
  String after(MatchResult m, int n) {
    return text.substring(m.end(), Math.min(text.length(), m.end() + n));
  }

  /** Physical line {@code l} of the file, or "" outside it. */
  String lineAt(int l) {
    return l >= 0 && l < file.lines ? file.line(l) : "";
  }

  /** The nearest Markdown heading above this line (at most {@code max} lines up), or "". */
  String headingAbove(int max) {
    for (int l = line; l >= 0 && l >= line - max; l--) {
      if (file.codeLang(l) != null) {
        continue;
      }
      String s = file.line(l).stripLeading();
      if (s.startsWith("#")) {
        return s;
      }
    }
    return "";
  }
}
