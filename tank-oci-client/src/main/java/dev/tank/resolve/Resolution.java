package dev.tank.resolve;

import dev.tank.mediatypes.SkillName;
import java.util.Map;
import java.util.SortedMap;

/** The outcome of resolution: one version per skill, and each skill's resolved dependencies. */
public record Resolution(SortedMap<SkillName, Node> skills) {
  /** One chosen skill version and the versions its dependencies resolved to. */
  public record Node(SkillName name, Version version, Map<SkillName, Version> dependencies) {}
}
