package dev.tank.lock;

import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.Lockfile;
import dev.tank.mediatypes.SkillName;
import dev.tank.mediatypes.SkillsJson;
import dev.tank.mediatypes.TankException;
import dev.tank.resolve.Version;
import dev.tank.resolve.VersionRange;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether {@code skills.lock} still describes what {@code skills.json} asks for: every
 * wanted skill is locked at a version inside its range, every locked dependency edge points at a
 * locked entry inside its range, and the lock holds nothing that is not reachable. This is the
 * check behind {@code --frozen} and {@code CI=true}.
 */
public final class LockAgreement {
  private LockAgreement() {}

  /** Every reason the two disagree; empty when they agree. */
  public static List<String> problems(SkillsJson manifest, Lockfile lock) {
    List<String> problems = new ArrayList<>();
    Map<SkillName, LockKey> byName = new HashMap<>();
    for (String key : lock.skills().keySet()) {
      LockKey k = LockKey.parse(key);
      if (byName.put(k.name(), k) != null) {
        problems.add("skills.lock holds two versions of " + k.name());
      }
    }
    Deque<SkillName> queue = new ArrayDeque<>();
    for (Map.Entry<String, String> e : manifest.skills().entrySet()) {
      SkillName n = SkillName.parse(e.getKey());
      LockKey k = byName.get(n);
      if (k == null) {
        problems.add(n + " is in skills.json but not in skills.lock");
        continue;
      }
      if (!VersionRange.parse(e.getValue()).satisfies(Version.parse(k.version()))) {
        problems.add("skills.json wants " + n + " '" + e.getValue() + "' but skills.lock has " + k.version());
      }
      queue.add(n);
    }
    Set<SkillName> reached = new HashSet<>();
    while (!queue.isEmpty()) {
      SkillName n = queue.poll();
      if (!reached.add(n)) {
        continue;
      }
      LockKey k = byName.get(n);
      Lockfile.Entry entry = lock.skills().get(k.toString());
      for (Map.Entry<String, String> d : entry.dependencies().entrySet()) {
        SkillName dn = SkillName.parse(d.getKey());
        LockKey dk = byName.get(dn);
        if (dk == null || !dk.version().equals(d.getValue())) {
          problems.add(k + " depends on " + dn + "@" + d.getValue() + ", which skills.lock does not hold");
        } else {
          queue.add(dn);
        }
      }
    }
    for (Map.Entry<SkillName, LockKey> e : byName.entrySet()) {
      if (!reached.contains(e.getKey()) && problems.stream().noneMatch(p -> p.contains(e.getKey().toString()))) {
        problems.add(e.getValue() + " is in skills.lock but nothing in skills.json needs it");
      }
    }
    return problems;
  }

  /** Throws {@link ErrorCode#LOCK_MISMATCH} listing the problems, unless they agree. */
  public static void require(SkillsJson manifest, Lockfile lock, String reason) {
    List<String> problems = problems(manifest, lock);
    if (!problems.isEmpty()) {
      throw new TankException(ErrorCode.LOCK_MISMATCH,
          "skills.lock does not match skills.json: " + String.join("; ", problems),
          "skills.lock", "run 'tank install' without " + reason + " to update the lock, then commit it");
    }
  }
}
