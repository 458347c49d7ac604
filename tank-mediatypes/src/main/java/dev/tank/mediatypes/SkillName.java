package dev.tank.mediatypes;

import java.util.regex.Pattern;

/**
 * A skill's package name: {@code @org/name} or unscoped {@code name}. Both parts follow the Agent
 * Skills rule for names: 1–64 characters of {@code a-z0-9-}, no leading, trailing or double
 * hyphen. The unscoped form maps to the {@code _} namespace in the registry.
 */
public record SkillName(String scope, String name) implements Comparable<SkillName> {
  private static final Pattern PART = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  public SkillName {
    if (scope != null) {
      checkPart(scope, "@" + scope + "/" + name);
    }
    checkPart(name, scope == null ? name : "@" + scope + "/" + name);
  }

  private static void checkPart(String part, String whole) {
    if (part == null || part.isEmpty() || part.length() > 64 || !PART.matcher(part).matches()) {
      throw new TankException(
          ErrorCode.INVALID_NAME,
          "not a valid skill name: '" + whole + "'",
          null,
          "use '@org/name' or 'name', each part 1-64 characters of a-z, 0-9 and single inner"
              + " hyphens");
    }
  }

  /** Parses {@code @org/name} or {@code name}. */
  public static SkillName parse(String text) {
    if (text == null) {
      throw new TankException(ErrorCode.INVALID_NAME, "missing skill name", null, "name the skill as @scope/name or name, e.g. @acme/release-notes");
    }
    if (text.startsWith("@")) {
      int slash = text.indexOf('/');
      if (slash < 0) {
        throw new TankException(
            ErrorCode.INVALID_NAME,
            "not a valid skill name: '" + text + "'",
            null,
            "a scoped name is '@org/name'");
      }
      return new SkillName(text.substring(1, slash), text.substring(slash + 1));
    }
    return new SkillName(null, text);
  }

  /** True for a name of this form, without throwing. */
  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (TankException e) {
      return false;
    }
  }

  /** Repository path under a registry prefix: {@code org/name}, or {@code _/name} when unscoped. */
  public String repositoryPath() {
    return (scope == null ? "_" : scope) + "/" + name;
  }

  /** {@code @org}, or null when unscoped. */
  public String scopeKey() {
    return scope == null ? null : "@" + scope;
  }

  @Override
  public int compareTo(SkillName o) {
    // The order of toString(), without building the strings (resolution compares names a lot).
    int n = length();
    int m = o.length();
    for (int i = 0, k = Math.min(n, m); i < k; i++) {
      char a = charAt(i);
      char b = o.charAt(i);
      if (a != b) {
        return a - b;
      }
    }
    return n - m;
  }

  private int length() {
    return scope == null ? name.length() : scope.length() + name.length() + 2;
  }

  private char charAt(int i) {
    if (scope == null) {
      return name.charAt(i);
    }
    if (i == 0) {
      return '@';
    }
    if (i <= scope.length()) {
      return scope.charAt(i - 1);
    }
    return i == scope.length() + 1 ? '/' : name.charAt(i - scope.length() - 2);
  }

  @Override
  public String toString() {
    return scope == null ? name : "@" + scope + "/" + name;
  }
}
