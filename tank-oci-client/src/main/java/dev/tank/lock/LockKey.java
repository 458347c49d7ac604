package dev.tank.lock;

import dev.tank.mediatypes.SkillName;

/** A lockfile key, {@code @org/name@version}. */
public record LockKey(SkillName name, String version) {
  public static LockKey parse(String key) {
    int at = key.lastIndexOf('@');
    return new LockKey(SkillName.parse(key.substring(0, at)), key.substring(at + 1));
  }

  @Override
  public String toString() {
    return name + "@" + version;
  }
}
