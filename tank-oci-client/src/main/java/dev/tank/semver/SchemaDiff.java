package dev.tank.semver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tank.mediatypes.Interface;
import dev.tank.semver.BumpCheck.Area;
import dev.tank.semver.BumpCheck.Change;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Compares two versions' declared interfaces. An entrypoint's input schema is compared the way a
 * caller sees it: would every input the old schema accepted still be accepted, and does the new
 * one accept more? Narrowing is breaking (major), widening is an addition (minor), wording is a
 * patch. Tank understands {@code type}, {@code properties}, {@code required}, {@code items},
 * {@code additionalProperties}, {@code enum}, {@code const} and the annotations {@code title},
 * {@code description}, {@code examples}, {@code $comment}, {@code deprecated}; a change to any other
 * keyword (e.g. {@code minimum}, {@code pattern}, {@code oneOf}, {@code $ref}, {@code default}) is
 * treated as breaking because Tank cannot prove it is not.
 */
final class SchemaDiff {
  private static final Set<String> ANNOTATIONS = Set.of("title", "description", "examples", "$comment", "deprecated");
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
  private static final JsonNode ANYTHING = JsonNodeFactory.instance.objectNode();

  private final List<Change> out;

  private SchemaDiff(List<Change> out) {
    this.out = out;
  }

  /** Adds the changes from {@code before} to {@code after} to {@code out}. */
  static void interfaces(Interface before, Interface after, List<Change> out) {
    SchemaDiff d = new SchemaDiff(out);
    Map<String, Interface.Entrypoint> a = before.entrypoints();
    Map<String, Interface.Entrypoint> b = after.entrypoints();
    for (Map.Entry<String, Interface.Entrypoint> e : a.entrySet()) {
      String at = child("interface.entrypoints", e.getKey());
      Interface.Entrypoint now = b.get(e.getKey());
      if (now == null) {
        d.add(Bump.MAJOR, at, "was removed");
        continue;
      }
      if (!Objects.equals(e.getValue().description(), now.description())) {
        d.add(Bump.PATCH, at, "has a new description");
      }
      d.compare(e.getValue().input(), now.input(), at + ".input");
    }
    for (String name : b.keySet()) {
      if (!a.containsKey(name)) {
        d.add(Bump.MINOR, child("interface.entrypoints", name), "is a new entrypoint");
      }
    }
  }

  private void add(Bump bump, String at, String reason) {
    out.add(new Change(Area.INTERFACE, bump, at, reason));
  }

  private void cannotTell(String at, String what) {
    add(Bump.MAJOR, at, what + "; Tank cannot prove that every input accepted before is still accepted");
  }

  /** An absent schema and {@code true} both accept anything. */
  private static JsonNode norm(JsonNode n) {
    return n == null || (n.isBoolean() && n.booleanValue()) ? ANYTHING : n;
  }

  void compare(JsonNode before, JsonNode after, String at) {
    JsonNode a = norm(before);
    JsonNode b = norm(after);
    if (a.equals(b)) {
      return;
    }
    if (!a.isObject() || !b.isObject()) {
      cannotTell(at, "changed from " + brief(a) + " to " + brief(b));
      return;
    }
    Set<String> keys = new TreeSet<>();
    a.fieldNames().forEachRemaining(keys::add);
    b.fieldNames().forEachRemaining(keys::add);
    boolean propertiesDone = false;
    for (String key : keys) {
      JsonNode va = a.get(key);
      JsonNode vb = b.get(key);
      if (Objects.equals(va, vb)) {
        continue;
      }
      if (ANNOTATIONS.contains(key)) {
        add(Bump.PATCH, at, "has a new '" + key + "'");
        continue;
      }
      switch (key) {
        case "type" -> types(va, vb, at);
        case "properties", "required" -> {
          if (!propertiesDone) {
            properties(a, b, at);
            propertiesDone = true;
          }
        }
        case "items" -> {
          if ((va != null && va.isArray()) || (vb != null && vb.isArray())) {
            cannotTell(at + ".items", "the tuple form of 'items' changed");
          } else {
            compare(va, vb, at + ".items");
          }
        }
        case "additionalProperties" -> additional(va, vb, at);
        case "enum", "const" -> values(key, va, vb, at);
        default -> cannotTell(at, "'" + key + "' changed from " + brief(va) + " to " + brief(vb));
      }
    }
  }

  private void types(JsonNode va, JsonNode vb, String at) {
    Set<String> a = typeSet(va);
    Set<String> b = typeSet(vb);
    if ((va != null && a == null) || (vb != null && b == null)) {
      cannotTell(at, "'type' is not a type name or a list of them");
      return;
    }
    if (a != null && a.equals(b)) {
      return; // "string" and ["string"] say the same
    }
    if (b == null) {
      add(Bump.MINOR, at, "accepts any type now (was " + a + ")");
    } else if (a == null) {
      add(Bump.MAJOR, at, "is now restricted to type " + b);
    } else if (a.stream().allMatch(t -> b.contains(t) || (t.equals("integer") && b.contains("number")))) {
      add(Bump.MINOR, at, "accepts more types: " + b + " (was " + a + ")");
    } else {
      add(Bump.MAJOR, at, "changed type from " + a + " to " + b);
    }
  }

  /** The type names, or null if absent or malformed (the caller tells the two apart). */
  private static Set<String> typeSet(JsonNode t) {
    if (t == null) {
      return null;
    }
    Set<String> out = new TreeSet<>();
    if (t.isTextual()) {
      out.add(t.asText());
      return out;
    }
    if (!t.isArray()) {
      return null;
    }
    for (JsonNode n : t) {
      if (!n.isTextual()) {
        return null;
      }
      out.add(n.asText());
    }
    return out;
  }

  private void properties(JsonNode a, JsonNode b, String at) {
    JsonNode pa = a.has("properties") ? a.get("properties") : ANYTHING;
    JsonNode pb = b.has("properties") ? b.get("properties") : ANYTHING;
    Set<String> ra = names(a.get("required"));
    Set<String> rb = names(b.get("required"));
    if (!pa.isObject() || !pb.isObject() || ra == null || rb == null) {
      cannotTell(at, "'properties' or 'required' is malformed");
      return;
    }
    for (Map.Entry<String, JsonNode> p : pa.properties()) {
      String where = child(at + ".properties", p.getKey());
      if (!pb.has(p.getKey())) {
        add(Bump.MAJOR, where, "was removed");
      } else {
        compare(p.getValue(), pb.get(p.getKey()), where);
      }
    }
    for (Map.Entry<String, JsonNode> p : pb.properties()) {
      if (!pa.has(p.getKey())) {
        boolean required = rb.contains(p.getKey());
        add(required ? Bump.MAJOR : Bump.MINOR, child(at + ".properties", p.getKey()),
            required ? "is a new required property" : "is a new optional property");
      }
    }
    for (String name : rb) {
      boolean newProperty = pb.has(name) && !pa.has(name);
      if (!ra.contains(name) && !newProperty) {
        add(Bump.MAJOR, child(at + ".properties", name), "became required");
      }
    }
    for (String name : ra) {
      boolean removed = pa.has(name) && !pb.has(name);
      if (!rb.contains(name) && !removed) {
        add(Bump.MINOR, child(at + ".properties", name), "is no longer required");
      }
    }
  }

  /** The names in a {@code required} list (empty if absent), or null if malformed. */
  private static Set<String> names(JsonNode list) {
    Set<String> out = new TreeSet<>();
    if (list == null) {
      return out;
    }
    if (!list.isArray()) {
      return null;
    }
    for (JsonNode n : list) {
      if (!n.isTextual()) {
        return null;
      }
      out.add(n.asText());
    }
    return out;
  }

  private void additional(JsonNode va, JsonNode vb, String at) {
    JsonNode a = norm(va);
    JsonNode b = norm(vb);
    if (a.equals(b)) {
      return;
    }
    if (b.equals(ANYTHING)) {
      add(Bump.MINOR, at, "allows any additional properties now");
    } else if (a.isBoolean()) {
      add(Bump.MINOR, at, "allows additional properties now"); // a is false: none were allowed
    } else if (a.equals(ANYTHING)) {
      add(Bump.MAJOR, at, "restricts additional properties now");
    } else if (b.isObject()) {
      compare(a, b, at + ".additionalProperties");
    } else {
      add(Bump.MAJOR, at, "forbids additional properties now");
    }
  }

  private void values(String key, JsonNode va, JsonNode vb, String at) {
    if (vb == null) {
      add(Bump.MINOR, at, "no longer limits values with '" + key + "'");
      return;
    }
    if (va == null) {
      add(Bump.MAJOR, at, "limits values with '" + key + "' now: " + brief(vb));
      return;
    }
    Set<JsonNode> a = valueSet(key, va);
    Set<JsonNode> b = valueSet(key, vb);
    if (a == null || b == null) {
      cannotTell(at, "'" + key + "' is malformed");
    } else if (b.containsAll(a)) {
      add(Bump.MINOR, at, "allows more values: " + brief(vb));
    } else {
      Set<JsonNode> gone = new LinkedHashSet<>(a);
      gone.removeAll(b);
      add(Bump.MAJOR, at, "no longer allows " + gone);
    }
  }

  private static Set<JsonNode> valueSet(String key, JsonNode v) {
    Set<JsonNode> out = new LinkedHashSet<>();
    if (key.equals("const")) {
      out.add(v);
      return out;
    }
    if (!v.isArray()) {
      return null;
    }
    v.forEach(out::add);
    return out;
  }

  /** {@code parent.name}, or {@code parent['odd name']} when the name is not a plain identifier. */
  static String child(String parent, String name) {
    return PLAIN_NAME.matcher(name).matches() ? parent + "." + name : parent + "['" + name.replace("'", "\\'") + "']";
  }

  private static String brief(JsonNode n) {
    if (n == null) {
      return "nothing";
    }
    String s = n.toString();
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }
}
