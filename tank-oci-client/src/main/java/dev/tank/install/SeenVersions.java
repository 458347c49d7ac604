package dev.tank.install;

import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.Json;
import dev.tank.mediatypes.SkillName;
import dev.tank.mediatypes.TankException;
import dev.tank.resolve.Resolution;
import dev.tank.resolve.Version;
import dev.tank.resolve.VersionRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every version of each skill that Tank has seen in a registry listing or a lock for this project
 * ({@code .tank/seen.json}). A registry that stops listing a version which the project's ranges
 * accept, so that resolution falls back to an older one, is rolling the project back: Tank refuses
 * that unless the user pins the older version or allows the downgrade.
 */
final class SeenVersions {
  static final String FILE = ".tank/seen.json";

  private final Map<String, TreeSet<Version>> seen;

  private SeenVersions(Map<String, TreeSet<Version>> seen) {
    this.seen = seen;
  }

  static SeenVersions read(Path project) {
    Map<String, TreeSet<Version>> out = new TreeMap<>();
    Path f = project.resolve(FILE);
    if (Files.exists(f)) {
      try {
        Map<?, ?> raw = Json.read(f, Map.class);
        raw.forEach((k, v) -> {
          TreeSet<Version> set = new TreeSet<>();
          if (v instanceof List<?> list) {
            for (Object x : list) {
              try {
                set.add(Version.parse(String.valueOf(x)));
              } catch (TankException e) {
                // a damaged entry is dropped, the rest still protects
              }
            }
          }
          out.put(String.valueOf(k), set);
        });
      } catch (TankException e) {
        // Tank's own bookkeeping: a damaged file loses memory, it must not block installs.
      }
    }
    return new SeenVersions(out);
  }

  void add(SkillName name, Collection<Version> versions) {
    seen.computeIfAbsent(name.toString(), k -> new TreeSet<>()).addAll(versions);
  }

  byte[] toBytes() {
    Map<String, List<String>> out = new TreeMap<>();
    seen.forEach((k, v) -> out.put(k, v.stream().map(Version::toString).toList()));
    return Json.writePretty(out);
  }

  /**
   * Fails with {@link ErrorCode#ROLLBACK} when a resolved version is older than a version seen
   * before that every range on that skill still accepts and that the registry no longer lists.
   *
   * @param ranges every range that asked for each skill in this resolution
   * @param listed what the registries list now
   * @param exempt skills the user pinned to an exact version or allowed to go down
   */
  void checkNoRollback(Resolution res, Map<SkillName, List<String>> ranges, Map<SkillName, List<Version>> listed,
      Set<SkillName> exempt) {
    for (Resolution.Node node : res.skills().values()) {
      if (exempt.contains(node.name())) {
        continue;
      }
      TreeSet<Version> before = seen.getOrDefault(node.name().toString(), new TreeSet<>());
      List<Version> now = listed.get(node.name());
      List<VersionRange> rs = new ArrayList<>();
      for (String r : ranges.getOrDefault(node.name(), List.of())) {
        rs.add(VersionRange.parse(r));
      }
      for (Version w : before.tailSet(node.version(), false).descendingSet()) {
        boolean accepted = rs.stream().allMatch(r -> r.satisfies(w));
        boolean withdrawn = now == null || !now.contains(w);
        if (accepted && withdrawn) {
          throw new TankException(ErrorCode.ROLLBACK,
              node.name() + " resolved to " + node.version() + ", but " + w + " was seen before and the registry no longer lists it",
              node.name() + " (ranges " + String.join(", ", ranges.getOrDefault(node.name(), List.of())) + ")",
              "a registry that hides newer versions can push old, vulnerable ones; if the publisher really withdrew " + w
                  + ", pin the older version explicitly ('tank install " + node.name() + "@" + node.version()
                  + "') or pass --allow-downgrade");
        }
      }
    }
  }
}
