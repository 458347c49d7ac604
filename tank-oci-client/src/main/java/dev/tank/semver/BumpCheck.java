package dev.tank.semver;

import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.SkillConfig;
import dev.tank.mediatypes.TankException;
import dev.tank.permissions.PermissionDiff;
import dev.tank.permissions.PermissionModel;
import dev.tank.resolve.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Enforced semver: does the step from one version of a skill to the next allow what changed?
 *
 * <p><b>What a change needs.</b> Permissions: a new dangerous permission (host, command, secret,
 * writable glob) needs a major version; any other new permission (readable glob, higher request
 * rate) a minor one; removals a patch. Interface: a removed entrypoint, a removed or retyped input
 * property, a new required property or any narrowing of an input schema needs a major version; a
 * new entrypoint or optional property, or any widening, a minor one; wording a patch (see {@code
 * SchemaDiff} for the keywords Tank understands). A new version needs at least a patch.
 *
 * <p><b>What a step allows.</b> From 1.0.0 on, the first number that grows says it: 2.0.0 after
 * 1.4.2 is major, 1.5.0 minor, 1.4.3 patch. Below 1.0.0 Tank follows npm's caret ranges (which
 * {@code tank install} writes): in 0.y.z the minor number is the breaking one, so 0.3.0 after
 * 0.2.5 is major and 0.2.6 is minor; in 0.0.z every step is major. A prerelease is judged as the
 * release it leads to: 2.0.0-rc.1 after 1.4.2 is major, 1.4.3-beta.1 only a patch. From a
 * prerelease to a later prerelease or the release of the same version (2.0.0-rc.1 to 2.0.0), the
 * step is what that version is to its line: major for x.0.0, minor for x.y.0, patch otherwise.
 *
 * <p>Both sides' permissions are checked for syntax only; whether the new version's request is
 * acceptable for a skill at all is {@code PermissionModel.forSkill}'s question, asked separately.
 *
 * @param skill the skill's name, for messages
 * @param previous the version compared against (the highest published one below {@code next})
 * @param next the new version
 * @param required the bump the changes need
 * @param actual the bump the step from {@code previous} to {@code next} allows
 * @param changes every change found, each with the bump it needs
 * @param minimum the lowest release that would be allowed (its prereleases are allowed too)
 */
public record BumpCheck(
    String skill, Version previous, Version next, Bump required, Bump actual, List<Change> changes, Version minimum) {

  public BumpCheck {
    changes = List.copyOf(changes);
  }

  /** Where a change was found. */
  public enum Area {
    PERMISSIONS,
    INTERFACE
  }

  /**
   * One change and the bump it needs.
   *
   * @param area permissions or interface
   * @param needs the smallest bump that allows it
   * @param subject what changed, as a path, e.g. {@code interface.entrypoints.search.input.properties.q}
   * @param reason how, e.g. {@code was removed} or {@code adds 'api.example.com' (dangerous)}
   */
  public record Change(Area area, Bump needs, String subject, String reason) {
    public Change {
      Objects.requireNonNull(area, "area");
      Objects.requireNonNull(needs, "needs");
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(reason, "reason");
    }

    /** E.g. {@code interface.entrypoints.search was removed (needs major)}. */
    public String describe() {
      return subject + " " + reason + " (needs " + needs.label() + ")";
    }
  }

  /** {@link #check(Version, SkillSurface, Version, SkillSurface)} on two published configs. */
  public static BumpCheck check(Version previous, SkillConfig prev, Version next, SkillConfig nextConfig) {
    return check(previous, SkillSurface.of(prev), next, SkillSurface.of(nextConfig));
  }

  /**
   * Compares two versions of a skill.
   *
   * @throws IllegalArgumentException if {@code next} is not a higher version than {@code previous}
   *     (the caller picks the version to compare against)
   * @throws TankException {@link ErrorCode#SCHEMA} if either side's permissions are malformed
   */
  public static BumpCheck check(Version previous, SkillSurface prev, Version next, SkillSurface nextSurface) {
    if (next.compareTo(previous) <= 0 || next.hasSamePrecedence(previous)) {
      throw new IllegalArgumentException(next + " is not a higher version than " + previous);
    }
    String skill = nextSurface.name() != null ? nextSurface.name() : prev.name();
    List<Change> changes = new ArrayList<>();
    PermissionDiff diff;
    try {
      PermissionModel.normalise(prev.permissions());
    } catch (TankException e) {
      throw e.at(skill + "@" + previous);
    }
    try {
      diff = PermissionModel.diff(prev.permissions(), nextSurface.permissions());
    } catch (TankException e) {
      throw e.at(skill + "@" + next);
    }
    for (PermissionDiff.Change c : diff.changes()) {
      Bump needs = !c.grows() ? Bump.PATCH : c.dangerous() ? Bump.MAJOR : Bump.MINOR;
      changes.add(new Change(Area.PERMISSIONS, needs, "permissions." + c.capability().field(),
          verb(c.kind()) + " '" + c.value() + "'" + (c.dangerous() ? " (dangerous)" : "")));
    }
    SchemaDiff.interfaces(prev.iface(), nextSurface.iface(), changes);
    Bump required = Bump.PATCH;
    for (Change c : changes) {
      required = Bump.max(required, c.needs());
    }
    return new BumpCheck(skill, previous, next, required, actual(previous, next), changes, minimum(previous, required));
  }

  private static String verb(PermissionDiff.Kind kind) {
    return switch (kind) {
      case ADDED -> "adds";
      case REMOVED -> "removes";
      case RAISED -> "raises";
      case LOWERED -> "lowers";
    };
  }

  /** True if the step allows every change. */
  public boolean sufficient() {
    return actual.allows(required);
  }

  /** The changes the step does not allow. */
  public List<Change> blocking() {
    return changes.stream().filter(c -> !actual.allows(c.needs())).toList();
  }

  /**
   * Returns normally if the step allows every change.
   *
   * @throws TankException {@link ErrorCode#SEMVER} naming each change the step does not allow and
   *     the lowest version that would be allowed
   */
  public void requireSufficient() {
    if (sufficient()) {
      return;
    }
    List<String> why = blocking().stream().map(Change::describe).toList();
    String what = skill + " " + next + " is a " + actual.label() + " step after " + previous
        + (previous.major() == 0 ? " (under 1.0.0 the minor number is the breaking one)" : "")
        + ", but " + (why.size() == 1 ? "a change needs " : why.size() + " changes need ") + required.label()
        + ": " + String.join("; ", why);
    throw new TankException(ErrorCode.SEMVER, what, skill + "@" + next,
        "publish it as " + minimum + " or later (or undo those changes); docs/semver.md has the rules");
  }

  /** The bump the step from {@code prev} to {@code next} allows (see the class comment). */
  static Bump actual(Version prev, Version next) {
    if (prev.major() != next.major()) {
      return Bump.MAJOR;
    }
    if (prev.minor() == next.minor() && prev.patch() == next.patch()) {
      return shape(next); // a prerelease before it, or an earlier prerelease of it
    }
    if (next.major() == 0) {
      return prev.minor() != next.minor() || next.minor() == 0 ? Bump.MAJOR : Bump.MINOR;
    }
    return prev.minor() != next.minor() ? Bump.MINOR : Bump.PATCH;
  }

  /** What the release x.y.z is to the line before it: x.0.0 major, x.y.0 minor, else patch (0.x rules below 1.0.0). */
  static Bump shape(Version v) {
    if (v.major() == 0) {
      return v.minor() == 0 || v.patch() == 0 ? Bump.MAJOR : Bump.MINOR;
    }
    return v.minor() == 0 && v.patch() == 0 ? Bump.MAJOR : v.patch() == 0 ? Bump.MINOR : Bump.PATCH;
  }

  /** The lowest release after {@code prev} whose step allows {@code needed}. */
  static Version minimum(Version prev, Bump needed) {
    int major = prev.major();
    int minor = prev.minor();
    int patch = prev.patch();
    if (prev.isPrerelease() && shape(prev).allows(needed)) {
      return release(major, minor, patch); // its own release is allowed
    }
    if (major == 0 && minor == 0) {
      return release(0, 0, patch + 1); // every 0.0.z step is major
    }
    return switch (needed) {
      case MAJOR -> major == 0 ? release(0, minor + 1, 0) : release(major + 1, 0, 0);
      case MINOR -> major == 0 ? release(0, minor, patch + 1) : release(major, minor + 1, 0);
      case PATCH -> release(major, minor, patch + 1);
    };
  }

  private static Version release(int major, int minor, int patch) {
    return new Version(major, minor, patch, List.of(), List.of());
  }
}
