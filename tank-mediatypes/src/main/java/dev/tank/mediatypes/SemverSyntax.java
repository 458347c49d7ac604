package dev.tank.mediatypes;

import java.util.regex.Pattern;

/** Syntax check for strict SemVer 2.0.0 versions (the official grammar), without semantics. */
public final class SemverSyntax {
  private static final Pattern SEMVER =
      Pattern.compile(
          "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
              + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
              + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

  private SemverSyntax() {}

  public static boolean isValid(String version) {
    return version != null && version.length() <= 128 && SEMVER.matcher(version).matches();
  }

  /** Throws {@link ErrorCode#INVALID_VERSION} unless {@code version} is strict SemVer. */
  public static String check(String version, String where) {
    if (!isValid(version)) {
      throw new TankException(
          ErrorCode.INVALID_VERSION,
          "'" + version + "' is not a valid semantic version",
          where,
          "use MAJOR.MINOR.PATCH, e.g. 1.0.0 or 2.1.0-beta.1");
    }
    return version;
  }
}
