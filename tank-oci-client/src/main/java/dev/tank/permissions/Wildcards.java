package dev.tank.permissions;

/** Matching of one glob segment ({@code *} and {@code ?}) against a name or another segment. */
final class Wildcards {
  private Wildcards() {}

  /**
   * True if {@code pattern} matches {@code text}. When {@code textIsPattern}, {@code text} is itself
   * a segment pattern and the answer is true only if {@code pattern} matches every name {@code text}
   * can match: its {@code *} must be absorbed by a {@code *} of {@code pattern}, its {@code ?} by a
   * {@code ?} or {@code *}. That test is sound but not complete, which is what a permission check
   * needs.
   */
  static boolean matches(String pattern, String text, boolean textIsPattern) {
    int n = pattern.length();
    int m = text.length();
    // next[j]: pattern[i+1..] matches text[j..]; row[j]: pattern[i..] matches text[j..]. Two rows
    // keep memory linear for long segments.
    boolean[] next = new boolean[m + 1];
    next[m] = true;
    for (int i = n - 1; i >= 0; i--) {
      char p = pattern.charAt(i);
      boolean[] row = new boolean[m + 1];
      for (int j = m; j >= 0; j--) {
        if (p == '*') {
          row[j] = next[j] || (j < m && row[j + 1]);
        } else if (j < m) {
          char t = text.charAt(j);
          boolean one;
          if (textIsPattern && t == '*') {
            one = false;
          } else if (p == '?') {
            one = true;
          } else {
            one = p == t && !(textIsPattern && t == '?');
          }
          row[j] = one && next[j + 1];
        }
      }
      next = row;
    }
    return next[0];
  }
}
