package dev.tank.resolve;

import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.SkillName;
import dev.tank.mediatypes.TankException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Picks one version per skill name for a project: for each name, the highest published version
 * that satisfies every range that reaches it (npm semantics), preferring a version already locked
 * when it still fits.
 *
 * <p>Walks the graph breadth-first. When a new range rules out a version chosen earlier, the
 * resolver remembers all ranges on that name and starts over, so the next pass picks a version
 * fitting them all; when none exists it reports a conflict with the dependency path of each range.
 * Bounded passes keep a pathological graph from running forever.
 */
public final class Resolver {
  private static final int MAX_PASSES = 200;

  private final Catalog catalog;
  private final Map<SkillName, List<Version>> versionCache = new HashMap<>();
  private final Map<String, Map<String, String>> depsCache = new HashMap<>();

  public Resolver(Catalog catalog) {
    this.catalog = catalog;
  }

  private record Constraint(VersionRange range, String path) {}

  private record Want(SkillName name, VersionRange range, String path) {}

  /**
   * Resolves {@code roots} (name → range text, as in skills.json). {@code preferred} holds versions
   * to keep when they still satisfy every range (the current lock).
   */
  public Resolution resolve(Map<String, String> roots, Map<SkillName, Version> preferred) {
    Map<SkillName, List<Constraint>> learned = new HashMap<>();
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      Optional<Resolution> r = tryPass(roots, preferred, learned);
      if (r.isPresent()) {
        return r.get();
      }
    }
    throw new TankException(ErrorCode.CONFLICT, "dependency resolution did not settle after " + MAX_PASSES + " passes",
        "skills.json", "pin the skills involved to exact versions");
  }

  private Optional<Resolution> tryPass(
      Map<String, String> roots, Map<SkillName, Version> preferred, Map<SkillName, List<Constraint>> learned) {
    Map<SkillName, Version> chosen = new LinkedHashMap<>();
    Map<SkillName, List<Constraint>> seen = new HashMap<>();
    Map<SkillName, Map<SkillName, Version>> edges = new HashMap<>();
    Map<SkillName, String> pathTo = new HashMap<>();
    Deque<Want> queue = new ArrayDeque<>();
    for (Map.Entry<String, String> e : new TreeMap<>(roots).entrySet()) {
      queue.add(new Want(SkillName.parse(e.getKey()), parseRange(e.getValue(), "skills.json at $.skills['" + e.getKey() + "']"), "project"));
    }
    Map<SkillName, List<Want>> pendingEdges = new HashMap<>();
    while (!queue.isEmpty()) {
      Want w = queue.poll();
      seen.computeIfAbsent(w.name(), k -> new ArrayList<>()).add(new Constraint(w.range(), w.path()));
      Version have = chosen.get(w.name());
      if (have != null) {
        if (w.range().satisfies(have)) {
          continue;
        }
        List<Constraint> all = new ArrayList<>(seen.get(w.name()));
        all.addAll(learned.getOrDefault(w.name(), List.of()));
        pick(w.name(), all, null); // throws a conflict if no single version fits every range
        learned.put(w.name(), all);
        return Optional.empty();
      }
      List<Constraint> all = new ArrayList<>(seen.get(w.name()));
      all.addAll(learned.getOrDefault(w.name(), List.of()));
      Version v = pick(w.name(), all, preferred.get(w.name()));
      chosen.put(w.name(), v);
      String here = (w.path().equals("project") ? "project" : w.path()) + " > " + w.name() + "@" + v;
      pathTo.put(w.name(), here);
      Map<String, String> deps = dependencies(w.name(), v);
      Map<SkillName, Version> myEdges = new TreeMap<>();
      edges.put(w.name(), myEdges);
      for (Map.Entry<String, String> d : new TreeMap<>(deps).entrySet()) {
        SkillName dn = SkillName.parse(d.getKey());
        Want dw = new Want(dn, parseRange(d.getValue(), w.name() + "@" + v + " skills.json at $.skills['" + d.getKey() + "']"), here);
        queue.add(dw);
        pendingEdges.computeIfAbsent(w.name(), k -> new ArrayList<>()).add(dw);
      }
    }
    TreeMap<SkillName, Resolution.Node> out = new TreeMap<>();
    for (Map.Entry<SkillName, Version> e : chosen.entrySet()) {
      Map<SkillName, Version> deps = new TreeMap<>();
      for (Want dw : pendingEdges.getOrDefault(e.getKey(), List.of())) {
        deps.put(dw.name(), chosen.get(dw.name()));
      }
      out.put(e.getKey(), new Resolution.Node(e.getKey(), e.getValue(), deps));
    }
    return Optional.of(new Resolution(out));
  }

  private static VersionRange parseRange(String text, String where) {
    try {
      return VersionRange.parse(text);
    } catch (TankException e) {
      throw e.at(where);
    }
  }

  private Version pick(SkillName name, List<Constraint> constraints, Version preferred) {
    List<Version> versions = versions(name);
    if (versions.isEmpty()) {
      throw new TankException(ErrorCode.NOT_FOUND, "skill " + name + " is not in the registry",
          describe(constraints), "check the name, the registry (--registry, TANK_REGISTRY, skills.json registries) and your access");
    }
    if (preferred != null && satisfiesAll(preferred, constraints) && versions.contains(preferred)) {
      return preferred;
    }
    Version best = null;
    for (Version v : versions) {
      if (satisfiesAll(v, constraints) && (best == null || v.compareTo(best) > 0)) {
        best = v;
      }
    }
    if (best != null) {
      return best;
    }
    if (constraints.size() == 1 || constraints.stream().map(c -> c.range().toString()).distinct().count() == 1) {
      Constraint c = constraints.get(0);
      throw new TankException(ErrorCode.NOT_FOUND,
          "no version of " + name + " matches '" + c.range() + "' (published: " + summarize(versions) + ")",
          "required by " + c.path(), "widen the range or publish a matching version");
    }
    throw new TankException(ErrorCode.CONFLICT,
        "no single version of " + name + " satisfies every range that requires it: " + describe(constraints)
            + " (published: " + summarize(versions) + ")",
        name.toString(), "align the ranges (update the skill that needs the older range) or pin one version in skills.json");
  }

  private static boolean satisfiesAll(Version v, List<Constraint> constraints) {
    for (Constraint c : constraints) {
      if (!c.range().satisfies(v)) {
        return false;
      }
    }
    return true;
  }

  private static String describe(List<Constraint> constraints) {
    StringBuilder sb = new StringBuilder();
    List<String> seen = new ArrayList<>();
    for (Constraint c : constraints) {
      String s = "'" + c.range() + "' required by " + c.path();
      if (!seen.contains(s)) {
        seen.add(s);
        sb.append(sb.length() == 0 ? "" : " and ").append(s);
      }
    }
    return sb.toString();
  }

  private static String summarize(List<Version> versions) {
    List<Version> sorted = new ArrayList<>(versions);
    sorted.sort(null);
    if (sorted.size() > 8) {
      return sorted.subList(0, 3) + " … " + sorted.subList(sorted.size() - 3, sorted.size());
    }
    return sorted.toString();
  }

  private List<Version> versions(SkillName name) {
    return versionCache.computeIfAbsent(name, catalog::versions);
  }

  private Map<String, String> dependencies(SkillName name, Version v) {
    return depsCache.computeIfAbsent(name + "@" + v, k -> catalog.dependencies(name, v));
  }
}
