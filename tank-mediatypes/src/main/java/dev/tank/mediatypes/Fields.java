package dev.tank.mediatypes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Validation helpers for the compact constructors of Tank's records. Errors carry a JSON path. */
final class Fields {
  /** The schemas' {@code "pattern": "\\S"}: at least one character that is not white space. */
  private static final Pattern HAS_TEXT = Pattern.compile("\\S");

  private Fields() {}

  static TankException schema(String path, String what, String hint) {
    return new TankException(ErrorCode.SCHEMA, what, path, hint);
  }

  static String require(String value, String path) {
    if (value == null || value.isEmpty()) {
      throw schema(path, "required field is missing or empty", "add '" + leaf(path) + "'");
    }
    return value;
  }

  static String maxLength(String value, int max, String path) {
    if (value != null && length(value) > max) {
      throw schema(path, "is " + length(value) + " characters, at most " + max + " allowed", "shorten it");
    }
    return value;
  }

  /** Length in Unicode code points, as JSON Schema's {@code maxLength} counts. */
  static int length(String value) {
    return value.codePointCount(0, value.length());
  }

  static boolean hasText(String value) {
    return value != null && HAS_TEXT.matcher(value).find();
  }

  /** Parses a skill name; the error names {@code path}. */
  static SkillName skillName(String value, String path) {
    try {
      return SkillName.parse(value);
    } catch (TankException e) {
      throw new TankException(e.code(), e.what(), path, e.hint());
    }
  }

  /**
   * Checks a dependency map (skill name to version range) and returns it sorted. {@code path} is
   * the map's own path, e.g. {@code $.dependencies}.
   */
  static Map<String, String> dependencies(Map<String, String> map, String path) {
    Map<String, String> sorted = sortedCopy(map);
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      String at = path + "['" + e.getKey() + "']";
      skillName(e.getKey(), at);
      if (!hasText(e.getValue())) {
        throw schema(at, "version range is empty", "use e.g. \"^1.0.0\" or \"*\"");
      }
    }
    return sorted;
  }

  static <K, V> Map<K, V> sortedCopy(Map<K, V> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(map));
  }

  static <K, V> Map<K, V> orderedCopy(Map<K, V> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  static String leaf(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? path : path.substring(dot + 1);
  }
}
