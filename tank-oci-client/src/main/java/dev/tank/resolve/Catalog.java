package dev.tank.resolve;

import dev.tank.mediatypes.SkillName;
import java.util.List;
import java.util.Map;

/** What the resolver needs to know about published skills. */
public interface Catalog {
  /** Every published version of {@code name} (empty when the skill does not exist). */
  List<Version> versions(SkillName name);

  /** The dependency ranges ({@code skills} of its skills.json) of one published version. */
  Map<String, String> dependencies(SkillName name, Version version);
}
