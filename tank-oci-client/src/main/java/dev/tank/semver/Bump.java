package dev.tank.semver;

/** The size of a version step, ordered: a larger bump allows everything a smaller one does. */
public enum Bump {
  PATCH,
  MINOR,
  MAJOR;

  /** {@code patch}, {@code minor} or {@code major}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** True if this bump allows changes that need {@code needed}. */
  public boolean allows(Bump needed) {
    return compareTo(needed) >= 0;
  }

  static Bump max(Bump a, Bump b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
