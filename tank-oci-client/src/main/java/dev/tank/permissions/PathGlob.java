package dev.tank.permissions;

import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One {@code filesystem.read} or {@code filesystem.write} entry: a glob over paths relative to the
 * project root.
 *
 * <ul>
 *   <li>{@code *} matches any characters within one path segment (dot files included), {@code ?}
 *       exactly one character, {@code **} (a whole segment) any number of segments, none included.
 *   <li>A trailing {@code /} means everything under the folder: {@code build/} is {@code build/**}.
 *   <li>Paths are normalised before use: {@code //} and {@code .} segments go, {@code a/../b} is
 *       {@code b}. A {@code ..} that would leave the project root, or that follows a wildcard, is an
 *       error; so are absolute paths ({@code /etc}, {@code C:/}, {@code ~/x}), backslashes and
 *       bracket or brace syntax, which Tank does not give a meaning.
 * </ul>
 */
public final class PathGlob {
  static final String ANY = "**";
  private static final int MAX_LENGTH = 4096;
  private static final int MAX_SEGMENTS = 64;

  private final List<String> segments;

  private PathGlob(List<String> segments) {
    this.segments = List.copyOf(segments);
  }

  /**
   * Parses and normalises a glob.
   *
   * @throws TankException {@link ErrorCode#SCHEMA} without a place (the caller knows the JSON path)
   */
  public static PathGlob parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isEmpty()) {
      throw bad(text, "is empty", "write a path relative to the project root, e.g. src/**");
    }
    if (text.length() > MAX_LENGTH) {
      throw bad(text.substring(0, 40) + "...", "is longer than " + MAX_LENGTH + " characters", null);
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < ' ' || c == 0x7f) {
        throw bad(text, "contains a control character", null);
      }
      if (c == '\\') {
        throw bad(text, "contains a backslash", "separate folders with '/'");
      }
      if (c == '[' || c == ']' || c == '{' || c == '}') {
        throw bad(text, "uses '" + c + "'", "Tank globs know '*', '**' and '?' only; list each pattern separately");
      }
    }
    boolean drive = text.length() > 1 && text.charAt(1) == ':' && Character.isLetter(text.charAt(0));
    if (text.startsWith("/") || text.startsWith("~") || drive) {
      throw bad(text, "is an absolute path", "permissions cover the project only: write a path relative to its root");
    }
    String body = text.endsWith("/") ? text + ANY : text;
    List<String> out = new ArrayList<>();
    for (String seg : body.split("/", -1)) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (out.isEmpty()) {
          throw bad(text, "leaves the project root", "permissions cover the project only");
        }
        if (hasWildcard(out.get(out.size() - 1))) {
          throw bad(text, "has '..' after a wildcard", "write the path without '..'");
        }
        out.remove(out.size() - 1);
        continue;
      }
      if (seg.contains(ANY) && !seg.equals(ANY)) {
        throw bad(text, "has '**' inside a segment ('" + seg + "')", "'**' must stand alone between slashes: a/**/b");
      }
      if (seg.equals(ANY) && !out.isEmpty() && out.get(out.size() - 1).equals(ANY)) {
        continue; // **/** is **
      }
      out.add(seg);
    }
    if (out.isEmpty()) {
      throw bad(text, "names only the project root", "use '**' for everything in the project");
    }
    if (out.size() > MAX_SEGMENTS) {
      throw bad(text, "has more than " + MAX_SEGMENTS + " segments", null);
    }
    return new PathGlob(out);
  }

  private static TankException bad(String text, String what, String hint) {
    return new TankException(ErrorCode.SCHEMA, "path glob '" + text + "' " + what, null, hint);
  }

  static boolean hasWildcard(String segment) {
    return segment.indexOf('*') >= 0 || segment.indexOf('?') >= 0;
  }

  /**
   * True if {@code path} (relative to the project root, '/'-separated) matches. The path is
   * normalised first; a path that is absolute or leaves the root matches nothing.
   */
  public boolean matches(String path) {
    List<String> parts = new ArrayList<>();
    if (path.isEmpty() || path.startsWith("/") || path.indexOf('\\') >= 0) {
      return false;
    }
    for (String seg : path.split("/", -1)) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (parts.isEmpty()) {
          return false;
        }
        parts.remove(parts.size() - 1);
        continue;
      }
      parts.add(seg);
    }
    return !parts.isEmpty() && matchFrom(0, parts, 0);
  }

  private boolean matchFrom(int g, List<String> parts, int p) {
    if (g == segments.size()) {
      return p == parts.size();
    }
    String seg = segments.get(g);
    if (seg.equals(ANY)) {
      for (int skip = p; skip <= parts.size(); skip++) {
        if (matchFrom(g + 1, parts, skip)) {
          return true;
        }
      }
      return false;
    }
    return p < parts.size() && Wildcards.matches(seg, parts.get(p), false) && matchFrom(g + 1, parts, p + 1);
  }

  /**
   * True if Tank can prove that every path this glob's {@code other} matches is matched by this
   * glob too. Conservative: a false answer means "not proven", not "disproven" (e.g. <code>*&#47;**</code>
   * is not recognised as covering {@code **}).
   */
  public boolean covers(PathGlob other) {
    Boolean[][] memo = new Boolean[segments.size() + 1][other.segments.size() + 1];
    return covers(0, other.segments, 0, memo);
  }

  private boolean covers(int i, List<String> r, int j, Boolean[][] memo) {
    if (memo[i][j] != null) {
      return memo[i][j];
    }
    boolean result;
    if (i == segments.size()) {
      result = j == r.size();
    } else if (segments.get(i).equals(ANY)) {
      // This ** swallows the other's next segment (whatever it is), or stops here.
      result = (j < r.size() && covers(i, r, j + 1, memo)) || covers(i + 1, r, j, memo);
    } else if (j == r.size() || r.get(j).equals(ANY)) {
      // The other side has ended, or its ** reaches depths a single segment here cannot.
      result = false;
    } else {
      result = Wildcards.matches(segments.get(i), r.get(j), true) && covers(i + 1, r, j + 1, memo);
    }
    memo[i][j] = result;
    return result;
  }

  /** The normalised segments, e.g. {@code [src, **, *.md]}. */
  public List<String> segments() {
    return segments;
  }

  /** The canonical text, e.g. <code>src/**&#47;*.md</code>. */
  @Override
  public String toString() {
    return String.join("/", segments);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PathGlob g && g.segments.equals(segments);
  }

  @Override
  public int hashCode() {
    return segments.hashCode();
  }
}
