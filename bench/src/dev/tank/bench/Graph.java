package dev.tank.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A seeded, layered dependency graph of skills, shaped like a real ecosystem: a few top-level
 * skills a project asks for, and below them four layers of shared building blocks. Every skill
 * below the top is needed by at least one skill above it, so installing the top-level skills
 * installs all of them; the longest chain is {@code top > l3 > l2 > l1 > leaf} (depth 4).
 *
 * <p>Dependencies are drawn with a power law over the candidates, so a handful of base skills is
 * shared by many (the way everyone depends on the same few utilities). Each skill has one
 * published version for the install corpus; {@link #versionsFor} adds older versions and a few
 * next-major releases for the resolution benchmark. Every range is satisfied by the highest 1.x
 * release of its target, so resolution settles in one pass, as in a healthy ecosystem.
 */
public final class Graph {
  /** One skill: its name (without scope), level (0 = leaf, 4 = top), version and dependency ranges. */
  public record Node(String name, int level, String version, Map<String, String> deps) {}

  public static final String SCOPE = "@bench";
  private static final String[] PREFIX = {"leaf", "l1", "l2", "l3", "top"};
  private static final double[] SHARE = {0.35, 0.25, 0.18, 0.12, 0.10};

  private final List<Node> nodes;

  private Graph(List<Node> nodes) {
    this.nodes = nodes;
  }

  public List<Node> nodes() {
    return nodes;
  }

  public List<Node> top() {
    return nodes.stream().filter(n -> n.level() == PREFIX.length - 1).toList();
  }

  /** The full npm/Tank name, e.g. {@code @bench/top-001}. */
  public static String fullName(Node n) {
    return SCOPE + "/" + n.name();
  }

  public static Graph generate(int count, long seed) {
    if (count < 1) {
      throw new IllegalArgumentException("need at least one skill");
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] perLevel = new int[PREFIX.length];
    if (count < PREFIX.length) {
      perLevel[PREFIX.length - 1] = count; // too few for layers: all top-level
    } else {
      int assigned = 0;
      for (int l = 0; l < PREFIX.length; l++) {
        perLevel[l] = Math.max(1, (int) Math.round(count * SHARE[l]));
        assigned += perLevel[l];
      }
      perLevel[0] += count - assigned; // rounding goes to the leaves
    }
    int width = String.valueOf(count).length() + 1;
    List<List<Node>> levels = new ArrayList<>();
    for (int l = 0; l < PREFIX.length; l++) {
      List<Node> here = new ArrayList<>();
      for (int i = 1; i <= perLevel[l]; i++) {
        String name = PREFIX[l] + "-" + String.format("%0" + width + "d", i);
        String version = "1." + rnd.nextInt(4) + "." + rnd.nextInt(6);
        here.add(new Node(name, l, version, new TreeMap<>()));
      }
      levels.add(here);
    }
    // Edges: one into the level just below (keeps the depth), then 0-3 more from any lower level.
    for (int l = 1; l < PREFIX.length; l++) {
      for (Node n : levels.get(l)) {
        if (levels.get(l - 1).isEmpty()) {
          continue;
        }
        addDep(n, pick(levels.get(l - 1), rnd), rnd);
        int more = rnd.nextInt(4);
        for (int k = 0; k < more; k++) {
          int below = rnd.nextInt(l);
          if (!levels.get(below).isEmpty()) {
            addDep(n, pick(levels.get(below), rnd), rnd);
          }
        }
      }
    }
    // Orphans get a parent in the level above, so every skill is reachable from the top.
    Set<String> hasParent = new HashSet<>();
    for (List<Node> level : levels) {
      level.forEach(n -> hasParent.addAll(n.deps().keySet()));
    }
    for (int l = PREFIX.length - 2; l >= 0; l--) {
      for (Node n : levels.get(l)) {
        if (!hasParent.contains(fullName(n)) && !levels.get(l + 1).isEmpty()) {
          addDep(levels.get(l + 1).get(rnd.nextInt(levels.get(l + 1).size())), n, rnd);
          hasParent.add(fullName(n));
        }
      }
    }
    List<Node> all = new ArrayList<>();
    for (int l = PREFIX.length - 1; l >= 0; l--) {
      all.addAll(levels.get(l));
    }
    return new Graph(List.copyOf(all));
  }

  /** Power law over the candidates: low indexes (the popular ones) are picked far more often. */
  private static Node pick(List<Node> candidates, SplittableRandom rnd) {
    double u = rnd.nextDouble();
    int i = (int) Math.floor(candidates.size() * Math.pow(u, 2.5));
    return candidates.get(Math.min(i, candidates.size() - 1));
  }

  private static void addDep(Node from, Node to, SplittableRandom rnd) {
    String[] parts = to.version().split("\\.");
    String range = switch (rnd.nextInt(10)) {
      case 0, 1 -> "~1." + parts[1] + ".0";
      case 2 -> "1.x";
      case 3 -> ">=1.0.0 <2.0.0";
      default -> "^1.0.0";
    };
    from.deps().putIfAbsent(fullName(to), range);
  }

  /**
   * Published versions of {@code n} for the resolution benchmark: older 1.x releases below its
   * version (each with the same dependencies), and for one skill in five a 2.0.0 that no range
   * accepts, so the resolver must skip the newest tag.
   */
  public static Map<String, Map<String, String>> versionsFor(Node n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed ^ n.name().hashCode());
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    String[] p = n.version().split("\\.");
    int minor = Integer.parseInt(p[1]);
    int patch = Integer.parseInt(p[2]);
    for (int m = 0; m <= minor; m++) {
      int top = m == minor ? patch : rnd.nextInt(4);
      for (int q = 0; q <= top; q++) {
        out.put("1." + m + "." + q, n.deps());
      }
    }
    if (rnd.nextInt(5) == 0) {
      out.put("2.0.0", n.deps());
    }
    return out;
  }

  /** The longest dependency chain from a top-level skill (edges counted). */
  public int depth() {
    Map<String, Node> byName = new LinkedHashMap<>();
    nodes.forEach(n -> byName.put(fullName(n), n));
    Map<String, Integer> memo = new LinkedHashMap<>();
    int best = 0;
    for (Node n : top()) {
      best = Math.max(best, depth(n, byName, memo));
    }
    return best;
  }

  private static int depth(Node n, Map<String, Node> byName, Map<String, Integer> memo) {
    Integer known = memo.get(n.name());
    if (known != null) {
      return known;
    }
    int d = 0;
    for (String dep : n.deps().keySet()) {
      d = Math.max(d, 1 + depth(byName.get(dep), byName, memo));
    }
    memo.put(n.name(), d);
    return d;
  }
}
