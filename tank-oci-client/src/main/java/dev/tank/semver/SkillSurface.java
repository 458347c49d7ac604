package dev.tank.semver;

import dev.tank.mediatypes.Interface;
import dev.tank.mediatypes.Permissions;
import dev.tank.mediatypes.SkillConfig;
import dev.tank.mediatypes.SkillsJson;
import java.util.Map;

/**
 * The parts of a skill that semver enforcement compares between versions: its permissions and its
 * declared interface. Built from a published config or from the {@code skills.json} of a skill
 * folder being published.
 *
 * @param name the skill's name, for messages
 * @param permissions what it asks for; never null
 * @param iface its entrypoints; never null
 */
public record SkillSurface(String name, Permissions permissions, Interface iface) {
  public SkillSurface {
    permissions = permissions == null ? Permissions.NONE : permissions;
    iface = iface == null ? new Interface(Map.of()) : iface;
  }

  public static SkillSurface of(SkillConfig config) {
    return new SkillSurface(config.name(), config.permissions(), config.iface());
  }

  public static SkillSurface of(SkillsJson manifest) {
    return new SkillSurface(manifest.name(), manifest.permissions(), manifest.iface());
  }
}
