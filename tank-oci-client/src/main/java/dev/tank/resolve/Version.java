package dev.tank.resolve;

import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.SemverSyntax;
import dev.tank.mediatypes.TankException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.semver4j.Semver;
import org.semver4j.SemverException;

/**
 * A strict SemVer 2.0.0 version, e.g. {@code 1.4.0}, {@code 2.0.0-rc.1} or {@code 1.0.0+build.7}.
 *
 * <p>{@link #parse} accepts the official grammar only: no leading {@code v} or {@code =}, no
 * surrounding spaces, no leading zeros, at most 128 characters (the OCI tag limit), numbers up to
 * {@value Integer#MAX_VALUE}. Parsing goes through semver4j.
 *
 * <p><b>Ordering vs equality.</b> {@link #compareTo} follows SemVer precedence, which ignores build
 * metadata; when two versions tie on precedence it compares their build strings lexically (no build
 * sorts first), so sorting is total and deterministic and {@code compareTo} is consistent with
 * {@code equals}. As records, {@code 1.0.0+a} and {@code 1.0.0+b} are <em>not</em> equal, though
 * every version range treats them alike. Use {@link #hasSamePrecedence} to ask "same release?".
 *
 * <p>Precedence of prerelease identifiers is SemVer's (and npm's), not semver4j 6.0.0's: semver4j
 * sorts {@code alpha10} after {@code alpha9} (natural order), treats an identifier spelled {@code
 * undef} as absent and fails on numeric identifiers above {@link Long#MAX_VALUE}, so this
 * class compares identifiers itself: numeric ones by value (any length), alphanumeric ones in
 * ASCII order, numeric below alphanumeric.
 *
 * @param major the major number
 * @param minor the minor number
 * @param patch the patch number
 * @param prerelease the dot-separated prerelease identifiers; empty for a release
 * @param build the dot-separated build metadata identifiers; empty if none
 */
public record Version(int major, int minor, int patch, List<String> prerelease, List<String> build)
    implements Comparable<Version> {

  private static final Pattern IDENTIFIER = Pattern.compile("[0-9A-Za-z-]+");
  private static final String HINT =
      "use strict SemVer MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD], e.g. 1.0.0 or 2.1.0-beta.1";

  /** Validates the parts; throws {@link IllegalArgumentException} (a programmer error) if wrong. */
  public Version {
    if (major < 0 || minor < 0 || patch < 0) {
      throw new IllegalArgumentException("negative version number");
    }
    prerelease = List.copyOf(prerelease);
    build = List.copyOf(build);
    for (String id : prerelease) {
      boolean leadingZero = isNumeric(id) && id.length() > 1 && id.charAt(0) == '0';
      if (!IDENTIFIER.matcher(id).matches() || leadingZero) {
        throw new IllegalArgumentException("invalid prerelease identifier: " + id);
      }
    }
    for (String id : build) {
      if (!IDENTIFIER.matcher(id).matches()) {
        throw new IllegalArgumentException("invalid build identifier: " + id);
      }
    }
  }

  /**
   * Parses a strict SemVer 2.0.0 version.
   *
   * @throws TankException {@link ErrorCode#INVALID_VERSION} naming {@code text} if it is not one
   */
  public static Version parse(String text) {
    Objects.requireNonNull(text, "text");
    if (!SemverSyntax.isValid(text)) {
      String hint = HINT;
      if (!text.isEmpty()
          && (text.charAt(0) == 'v' || text.charAt(0) == '=')
          && SemverSyntax.isValid(text.substring(1))) {
        hint = "drop the leading '" + text.charAt(0) + "': write " + text.substring(1);
      } else if (text.length() > 128) {
        hint = "a version has at most 128 characters (the OCI tag limit)";
      }
      throw new TankException(
          ErrorCode.INVALID_VERSION, "'" + text + "' is not a valid semantic version", text, hint);
    }
    try {
      return of(new Semver(text));
    } catch (SemverException e) {
      throw new TankException(
          ErrorCode.INVALID_VERSION,
          "'" + text + "' has a number larger than " + Integer.MAX_VALUE,
          text,
          HINT,
          e);
    }
  }

  /**
   * The version stored under an OCI tag made by {@link #toTag}, or empty if the tag is not one
   * (e.g. {@code latest}, {@code sha256-abc.sig}).
   */
  public static Optional<Version> fromTag(String tag) {
    Objects.requireNonNull(tag, "tag");
    if (tag.indexOf('+') >= 0) {
      return Optional.empty(); // not a valid tag, so not one toTag made
    }
    String text = tag.replace('_', '+');
    if (!SemverSyntax.isValid(text)) {
      return Optional.empty();
    }
    try {
      return Optional.of(of(new Semver(text)));
    } catch (SemverException e) {
      return Optional.empty();
    }
  }

  static Version of(Semver s) {
    return new Version(s.getMajor(), s.getMinor(), s.getPatch(), s.getPreRelease(), s.getBuild());
  }

  /** True if this version has prerelease identifiers, e.g. {@code 2.0.0-rc.1}. */
  public boolean isPrerelease() {
    return !prerelease.isEmpty();
  }

  /** The OCI tag for this version: the text with {@code +} replaced by {@code _}. */
  public String toTag() {
    return toString().replace('+', '_');
  }

  /** True if both have the same SemVer precedence, i.e. differ at most in build metadata. */
  public boolean hasSamePrecedence(Version other) {
    return comparePrecedence(other) == 0;
  }

  /** SemVer precedence, then build metadata compared as text (see the class comment). */
  @Override
  public int compareTo(Version other) {
    int c = comparePrecedence(other);
    return c != 0 ? c : String.join(".", build).compareTo(String.join(".", other.build));
  }

  /** SemVer 2.0.0 precedence (section 11): build metadata ignored. */
  int comparePrecedence(Version other) {
    int c = compareRelease(other);
    if (c != 0) {
      return c;
    }
    if (prerelease.isEmpty() || other.prerelease.isEmpty()) {
      // A release ranks above its prereleases.
      return Boolean.compare(prerelease.isEmpty(), other.prerelease.isEmpty());
    }
    int n = Math.min(prerelease.size(), other.prerelease.size());
    for (int i = 0; i < n; i++) {
      c = compareIdentifiers(prerelease.get(i), other.prerelease.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(prerelease.size(), other.prerelease.size());
  }

  /** Compares only [major, minor, patch]. */
  int compareRelease(Version other) {
    int c = Integer.compare(major, other.major);
    if (c == 0) {
      c = Integer.compare(minor, other.minor);
    }
    return c != 0 ? c : Integer.compare(patch, other.patch);
  }

  private static int compareIdentifiers(String a, String b) {
    boolean an = isNumeric(a);
    boolean bn = isNumeric(b);
    if (an && bn) {
      // No leading zeros (checked above), so the longer number is the larger one.
      int c = Integer.compare(a.length(), b.length());
      return c != 0 ? c : Integer.signum(a.compareTo(b));
    }
    if (an != bn) {
      return an ? -1 : 1;
    }
    return Integer.signum(a.compareTo(b));
  }

  private static boolean isNumeric(String id) {
    for (int i = 0; i < id.length(); i++) {
      char ch = id.charAt(i);
      if (ch < '0' || ch > '9') {
        return false;
      }
    }
    return true;
  }

  /** The normalized text, e.g. {@code 1.0.0-rc.1+build.5}; {@link #parse} gives it back. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(major).append('.').append(minor).append('.').append(patch);
    if (!prerelease.isEmpty()) {
      sb.append('-').append(String.join(".", prerelease));
    }
    if (!build.isEmpty()) {
      sb.append('+').append(String.join(".", build));
    }
    return sb.toString();
  }
}
