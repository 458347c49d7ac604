package dev.tank.mediatypes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Validation helpers for the compact constructors of Tank's records. Errors carry a JSON path. */
final class Fields {
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
    if (value != null && value.length() > max) {
      throw schema(path, "is " + value.length() + " characters, at most " + max + " allowed", "shorten it");
    }
    return value;
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
