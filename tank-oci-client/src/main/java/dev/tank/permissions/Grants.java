package dev.tank.permissions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.Permissions;
import dev.tank.mediatypes.TankException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A permission set parsed into typed, normalised, sorted and de-duplicated parts. Built only by
 * {@link #read}, which checks every value and names its JSON path on failure.
 */
record Grants(
    List<HostPattern> hosts,
    Integer rate,
    List<PathGlob> read,
    List<PathGlob> write,
    boolean anyCommand,
    List<String> commands,
    List<String> secrets) {

  /** Where a value is written: a skill's request is held to stricter rules than a budget. */
  enum Role {
    REQUEST,
    BUDGET
  }

  static final String ANY_COMMAND = "*";
  static final Pattern COMMAND = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._+-]*");
  static final Pattern SECRET = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  Grants {
    hosts = List.copyOf(hosts);
    read = List.copyOf(read);
    write = List.copyOf(write);
    commands = anyCommand ? List.of() : List.copyOf(commands);
    secrets = List.copyOf(secrets);
  }

  /**
   * Checks and normalises {@code p}. {@code base} is the JSON path of the permissions object (e.g.
   * {@code $.permissions}); errors name the path of the offending value under it.
   */
  static Grants read(Permissions p, Role role, String base) {
    Map<String, HostPattern> hosts = new TreeMap<>();
    Map<String, PathGlob> read = new TreeMap<>();
    Map<String, PathGlob> write = new TreeMap<>();
    TreeSet<String> commands = new TreeSet<>();
    TreeSet<String> secrets = new TreeSet<>();
    boolean anyCommand = false;
    Integer rate = null;

    if (p.network() != null) {
      List<String> outbound = p.network().outbound();
      for (int i = 0; i < outbound.size(); i++) {
        HostPattern h = host(outbound.get(i), role, base + ".network.outbound[" + i + "]");
        hosts.put(h.toString(), h);
      }
      rate = p.network().maxRequestsPerMinute();
    }
    if (p.filesystem() != null) {
      globs(p.filesystem().read(), base + ".filesystem.read", read);
      globs(p.filesystem().write(), base + ".filesystem.write", write);
    }
    JsonNode sub = p.subprocess();
    if (sub != null && sub.isBoolean()) {
      anyCommand = sub.booleanValue();
    } else if (sub != null && sub.isArray()) {
      for (int i = 0; i < sub.size(); i++) {
        commands.add(command(sub.get(i).asText(), base + ".subprocess[" + i + "]"));
      }
    } else if (sub != null) {
      throw new TankException(ErrorCode.SCHEMA, "subprocess must be true, false or a list of command names",
          base + ".subprocess", "e.g. \"subprocess\": [\"git\"]");
    }
    if (p.secrets() != null) {
      List<String> names = p.secrets().required();
      for (int i = 0; i < names.size(); i++) {
        secrets.add(secret(names.get(i), base + ".secrets.required[" + i + "]"));
      }
    }
    List<String> caps = p.capabilities();
    for (int i = 0; i < caps.size(); i++) {
      String cap = caps.get(i);
      String at = base + ".capabilities[" + i + "]";
      int colon = cap.indexOf(':');
      String kind = colon < 0 ? cap : cap.substring(0, colon);
      String arg = colon < 0 ? null : cap.substring(colon + 1);
      switch (cap) {
        case "network:outbound" -> {
          if (role == Role.REQUEST) {
            throw new TankException(ErrorCode.PERMISSION,
                "a skill may not ask for 'network:outbound' (any host)", at,
                "list the hosts it connects to in network.outbound, e.g. [\"api.example.com\"]");
          }
          hosts.put("*", HostPattern.parse("*"));
        }
        case "filesystem:read" -> read.put(PathGlob.ANY, PathGlob.parse(PathGlob.ANY));
        case "filesystem:write" -> write.put(PathGlob.ANY, PathGlob.parse(PathGlob.ANY));
        case "subprocess" -> anyCommand = true;
        default -> {
          if (kind.equals("subprocess") && arg != null) {
            commands.add(command(arg, at));
          } else if (kind.equals("secrets") && arg != null) {
            secrets.add(secret(arg, at));
          } else {
            throw new TankException(ErrorCode.SCHEMA, "unknown capability '" + cap + "'", at,
                "use network:outbound, filesystem:read, filesystem:write, subprocess, subprocess:CMD or secrets:NAME");
          }
        }
      }
    }
    return new Grants(
        new ArrayList<>(hosts.values()), rate, new ArrayList<>(read.values()), new ArrayList<>(write.values()),
        anyCommand, new ArrayList<>(commands), new ArrayList<>(secrets));
  }

  private static HostPattern host(String text, Role role, String at) {
    HostPattern h;
    try {
      h = HostPattern.parse(text);
    } catch (TankException e) {
      throw new TankException(e.code(), e.what(), at, e.hint());
    }
    if (role == Role.REQUEST && h.isAnyHost()) {
      throw new TankException(ErrorCode.PERMISSION, "a skill may not ask for any host ('" + text + "')", at,
          "list the hosts it connects to, e.g. api.example.com or *.example.com");
    }
    if (role == Role.REQUEST && h.isPublicSuffixWildcard()) {
      throw new TankException(ErrorCode.PERMISSION,
          "'" + text + "' reaches every site under the public suffix '" + h.host() + "'", at,
          "name the organisation's domain, e.g. *.example." + h.host());
    }
    return h;
  }

  private static void globs(List<String> texts, String at, Map<String, PathGlob> into) {
    for (int i = 0; i < texts.size(); i++) {
      try {
        PathGlob g = PathGlob.parse(texts.get(i));
        into.put(g.toString(), g);
      } catch (TankException e) {
        throw new TankException(e.code(), e.what(), at + "[" + i + "]", e.hint());
      }
    }
  }

  private static String command(String name, String at) {
    if (!COMMAND.matcher(name).matches()) {
      throw new TankException(ErrorCode.SCHEMA, "'" + name + "' is not a command name", at,
          "name the program only (e.g. git), no path, arguments or spaces");
    }
    return name;
  }

  private static String secret(String name, String at) {
    if (!SECRET.matcher(name).matches()) {
      throw new TankException(ErrorCode.SCHEMA, "'" + name + "' is not an environment variable name", at,
          "use letters, digits and '_', not starting with a digit, e.g. GITHUB_TOKEN");
    }
    return name;
  }

  /** The canonical record form: no capability list, empty parts left out, lists sorted. */
  Permissions toPermissions() {
    Permissions.Network net = hosts.isEmpty() && rate == null
        ? null : new Permissions.Network(hosts.stream().map(HostPattern::toString).toList(), rate);
    Permissions.Filesystem fs = read.isEmpty() && write.isEmpty()
        ? null
        : new Permissions.Filesystem(
            read.stream().map(PathGlob::toString).toList(), write.stream().map(PathGlob::toString).toList());
    JsonNode sub = null;
    if (anyCommand) {
      sub = BooleanNode.TRUE;
    } else if (!commands.isEmpty()) {
      ArrayNode arr = JsonNodeFactory.instance.arrayNode();
      commands.forEach(arr::add);
      sub = arr;
    }
    return new Permissions(net, fs, sub, secrets.isEmpty() ? null : new Permissions.Secrets(secrets), null);
  }

  /** Subprocess grants as items: {@code *} for any command, else the command names. */
  List<String> commandItems() {
    return anyCommand ? List.of(ANY_COMMAND) : commands;
  }

  boolean coversHost(HostPattern h) {
    return hosts.stream().anyMatch(b -> b.covers(h));
  }

  static boolean coversGlob(List<PathGlob> budget, PathGlob g) {
    return budget.stream().anyMatch(b -> b.covers(g));
  }

  boolean coversCommand(String item) {
    return anyCommand || (!item.equals(ANY_COMMAND) && commands.contains(item));
  }
}
