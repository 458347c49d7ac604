package dev.tank.analyze;

import dev.tank.mediatypes.SkillName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The {@code typosquat-name} rule. A name is suspicious when it imitates one already in the
 * registry from another publisher: unscoped names one or two edits apart (or equal once homoglyphs
 * and separators are folded), a scope that imitates another scope for the same or a near name, or
 * an unscoped name that spells a scoped one ({@code acme-pdf} for {@code @acme/pdf}). Names within
 * one scope are never compared: only the scope's owner can publish there.
 */
final class Typosquat {
  /** Look-alikes reported per skill at most. */
  private static final int MAX_REPORTED = 5;

  private Typosquat() {}

  /** The known names {@code name} imitates, sorted; empty when none (or when the name is not valid). */
  static List<String> lookalikes(String name, Collection<String> known) {
    if (name == null || !SkillName.isValid(name)) {
      return List.of();
    }
    SkillName c = SkillName.parse(name);
    TreeSet<String> hits = new TreeSet<>();
    for (String k : known) {
      if (k == null || k.equals(name) || !SkillName.isValid(k)) {
        continue;
      }
      SkillName o = SkillName.parse(k);
      boolean similar;
      if (c.scope() == null && o.scope() == null) {
        similar = near(c.name(), o.name());
      } else if (c.scope() != null && o.scope() != null) {
        // Same name under a scope one edit from the known one (@acne/x for @acme/x) counts even for
        // short scopes: the name carries the recognition, the scope is what a reader skims.
        boolean scopeNear = c.name().equals(o.name())
            ? c.scope().length() >= 4 && distance(c.scope(), o.scope(), 1) <= 1 || near(c.scope(), o.scope())
            : near(c.scope(), o.scope());
        similar = !c.scope().equals(o.scope()) && scopeNear && (c.name().equals(o.name()) || near(c.name(), o.name()));
      } else if (c.scope() == null) {
        String spelled = o.scope() + "-" + o.name();
        similar = c.name().equals(spelled) || near(c.name(), spelled) || skeleton(c.name()).equals(skeleton(o.scope() + o.name()));
      } else {
        similar = false;
      }
      if (similar) {
        hits.add(k);
      }
    }
    return new ArrayList<>(hits).subList(0, Math.min(MAX_REPORTED, hits.size()));
  }

  /** Different, but equal once folded, or within the edit distance their length allows. */
  static boolean near(String a, String b) {
    if (a.equals(b)) {
      return false;
    }
    if (skeleton(a).equals(skeleton(b))) {
      return true;
    }
    int len = Math.min(a.length(), b.length());
    int max = len < 5 ? 0 : len < 10 ? 1 : 2;
    return max > 0 && Math.abs(a.length() - b.length()) <= max && distance(a, b, max) <= max;
  }

  /** Lower case with look-alike characters folded (0/o, 1/l, rn/m, vv/w, 5/s...) and separators removed. */
  static String skeleton(String s) {
    String t = s.toLowerCase(Locale.ROOT).replace("rn", "m").replace("vv", "w");
    StringBuilder sb = new StringBuilder(t.length());
    for (int i = 0; i < t.length(); i++) {
      char ch = t.charAt(i);
      switch (ch) {
        case '-', '_', '.' -> { }
        case '0' -> sb.append('o');
        case '1' -> sb.append('l');
        case '3' -> sb.append('e');
        case '4' -> sb.append('a');
        case '5' -> sb.append('s');
        case '7' -> sb.append('t');
        case '8' -> sb.append('b');
        case '9' -> sb.append('g');
        default -> sb.append(ch);
      }
    }
    return sb.toString();
  }

  /** Optimal string alignment distance (adjacent swaps count once), cut off above {@code max}. */
  static int distance(String a, String b, int max) {
    int n = a.length();
    int m = b.length();
    int[][] d = new int[n + 1][m + 1];
    for (int i = 0; i <= n; i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= m; j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= n; i++) {
      int rowMin = Integer.MAX_VALUE;
      for (int j = 1; j <= m; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
        rowMin = Math.min(rowMin, v);
      }
      if (rowMin > max) {
        return max + 1;
      }
    }
    return Math.min(d[n][m], max + 1);
  }
}
