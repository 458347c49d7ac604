package dev.tank.analyze;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The cheap literal pre-filter: one Aho-Corasick automaton over the trigger literals of every
 * check, run once over a file's bytes. ASCII letters match case-insensitively; other bytes match
 * exactly, so a trigger may also be the UTF-8 encoding (or a prefix of it) of an invisible
 * character. A check's regular expression only runs on lines where one of its triggers occurred.
 *
 * <p>The transition table is dense over byte classes (every byte that occurs in some trigger has
 * its own class, all others share class 0), so the inner loop is one table lookup per byte.
 */
final class Triggers {
  /** Byte to class, after ASCII case folding. */
  final int[] byteClass = new int[256];
  /** Number of classes. */
  final int classes;
  /**
   * Transitions, indexed by a state's row ({@code state * classes}) plus a byte class. An entry is
   * the target's row, or its bitwise complement when the target reports checks (see {@link #outputs}),
   * so the scanning loop needs no multiplication and one sign test.
   */
  final int[] next;
  /** Check indexes reported in each state (including those inherited through failure links); null for none. */
  final int[][] outputs;

  /**
   * Builds the automaton. {@code literals.get(c)} are the triggers of check {@code c}; each is a
   * string whose chars are bytes (see {@link #utf8(String)} for non-ASCII triggers).
   */
  Triggers(List<List<String>> literals) {
    List<byte[]> pats = new ArrayList<>();
    List<Integer> owner = new ArrayList<>();
    TreeSet<Integer> used = new TreeSet<>();
    for (int c = 0; c < literals.size(); c++) {
      for (String lit : literals.get(c)) {
        byte[] b = lit.getBytes(StandardCharsets.ISO_8859_1);
        if (b.length == 0) {
          throw new IllegalArgumentException("empty trigger for check " + c);
        }
        for (int i = 0; i < b.length; i++) {
          b[i] = (byte) fold(b[i] & 0xff);
          used.add(b[i] & 0xff);
        }
        pats.add(b);
        owner.add(c);
      }
    }
    int k = 1;
    for (int u : used) {
      byteClass[u] = k++;
    }
    for (int u = 'A'; u <= 'Z'; u++) {
      byteClass[u] = byteClass[u + 32];
    }
    classes = k;
    // Trie first: goto[state][class] = -1 when absent.
    List<int[]> go = new ArrayList<>();
    List<TreeSet<Integer>> out = new ArrayList<>();
    go.add(newRow());
    out.add(new TreeSet<>());
    for (int p = 0; p < pats.size(); p++) {
      int s = 0;
      for (byte x : pats.get(p)) {
        int cl = byteClass[x & 0xff];
        if (go.get(s)[cl] < 0) {
          go.get(s)[cl] = go.size();
          go.add(newRow());
          out.add(new TreeSet<>());
        }
        s = go.get(s)[cl];
      }
      out.get(s).add(owner.get(p));
    }
    int n = go.size();
    int[] fail = new int[n];
    next = new int[n * classes];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int cl = 0; cl < classes; cl++) {
      int t = go.get(0)[cl];
      next[cl] = Math.max(t, 0);
      if (t > 0) {
        fail[t] = 0;
        queue.add(t);
      }
    }
    while (!queue.isEmpty()) {
      int s = queue.poll();
      out.get(s).addAll(out.get(fail[s]));
      for (int cl = 0; cl < classes; cl++) {
        int t = go.get(s)[cl];
        if (t > 0) {
          fail[t] = next[fail[s] * classes + cl];
          next[s * classes + cl] = t;
          queue.add(t);
        } else {
          next[s * classes + cl] = next[fail[s] * classes + cl];
        }
      }
    }
    outputs = new int[n][];
    for (int s = 0; s < n; s++) {
      outputs[s] = out.get(s).isEmpty() ? null : out.get(s).stream().mapToInt(Integer::intValue).toArray();
    }
    for (int i = 0; i < next.length; i++) {
      int target = next[i];
      next[i] = outputs[target] == null ? target * classes : ~(target * classes);
    }
  }

  private int[] newRow() {
    int[] r = new int[257];
    Arrays.fill(r, -1);
    return r;
  }

  private static int fold(int b) {
    return b >= 'A' && b <= 'Z' ? b + 32 : b;
  }

  /** A trigger for a non-ASCII text: its UTF-8 bytes, one char per byte. */
  static String utf8(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  /** A trigger given as raw bytes. */
  static String bytes(int... b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = (byte) b[i];
    }
    return new String(out, StandardCharsets.ISO_8859_1);
  }
}
