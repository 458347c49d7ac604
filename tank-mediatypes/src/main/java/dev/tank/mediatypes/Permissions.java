package dev.tank.mediatypes;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a skill needs (in a skill folder) or what a project allows (its budget). The same shape
 * serves both. Absent parts mean "nothing".
 *
 * <p>{@code capabilities} is a shorthand list ({@code "network:outbound"}, {@code "subprocess:git"},
 * ...) that {@code dev.tank.permissions} folds into the structured fields; this record only checks
 * its grammar. Host patterns, globs, command and secret names are checked there too, where the
 * rules depend on whether the value is a skill's request or a project's budget.
 */
@JsonPropertyOrder({"network", "filesystem", "subprocess", "secrets", "capabilities"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Permissions(
    Network network, Filesystem filesystem, JsonNode subprocess, Secrets secrets, List<String> capabilities) {

  public static final Permissions NONE = new Permissions(null, null, null, null, null);

  /**
   * The grammar of one capability; the same pattern is in the JSON Schemas (which end it with
   * {@code $(?![\s\S])}: in Java's regex, which some validators use, {@code $} also matches before
   * a final line break). A command is a program name (no path, no spaces), a secret an environment
   * variable name.
   */
  public static final Pattern CAPABILITY =
      Pattern.compile(
          "network:outbound|filesystem:read|filesystem:write|subprocess"
              + "|subprocess:[A-Za-z0-9_][A-Za-z0-9._+-]*|secrets:[A-Za-z_][A-Za-z0-9_]*");

  /** The structured form alone, without a capability list. */
  public Permissions(Network network, Filesystem filesystem, JsonNode subprocess, Secrets secrets) {
    this(network, filesystem, subprocess, secrets, null);
  }

  public Permissions {
    capabilities = Fields.copy(capabilities);
    for (int i = 0; i < capabilities.size(); i++) {
      if (!CAPABILITY.matcher(capabilities.get(i)).matches()) {
        throw Fields.schema(
            "capabilities[" + i + "]", "unknown capability '" + capabilities.get(i) + "'",
            "use network:outbound, filesystem:read, filesystem:write, subprocess, subprocess:CMD or secrets:NAME");
      }
    }
    // A JSON null arrives as a NullNode (JsonNode values are read as data) and is rejected here.
    if (subprocess != null) {
      boolean ok = subprocess.isBoolean();
      if (subprocess.isArray()) {
        ok = true;
        for (JsonNode n : subprocess) {
          ok &= n.isTextual() && !n.asText().isEmpty();
        }
      }
      if (!ok) {
        throw Fields.schema(
            "subprocess", "must be true, false or a list of command names", "e.g. \"subprocess\": [\"git\"]");
      }
    }
  }

  /** Outbound network access. */
  @JsonPropertyOrder({"outbound", "max_requests_per_minute"})
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Network(
      List<String> outbound, @JsonProperty("max_requests_per_minute") Integer maxRequestsPerMinute) {
    public Network {
      outbound = Fields.copy(outbound);
      if (maxRequestsPerMinute != null && maxRequestsPerMinute < 0) {
        throw Fields.schema("max_requests_per_minute", "must not be negative", null);
      }
    }
  }

  /** File-system globs relative to the project. */
  @JsonPropertyOrder({"read", "write"})
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Filesystem(List<String> read, List<String> write) {
    public Filesystem {
      read = Fields.copy(read);
      write = Fields.copy(write);
    }
  }

  /** Environment secrets the skill needs. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Secrets(List<String> required) {
    public Secrets {
      required = Fields.copy(required);
    }
  }

  /** True when nothing at all is requested. */
  @JsonIgnore // not a field: without this Jackson writes "empty": false, which then fails to read back
  public boolean isEmpty() {
    return equals(NONE) || union(NONE).equals(NONE);
  }

  /**
   * The union of two permission sets as written: lists are merged and sorted, {@code subprocess:
   * true} wins over a list, request rates take the larger value. No pattern reasoning happens here
   * ({@code dev.tank.permissions.PermissionModel#union} normalises first).
   */
  public Permissions union(Permissions o) {
    if (o == null) {
      return this;
    }
    List<String> out = merge(network == null ? null : network.outbound(), o.network == null ? null : o.network.outbound());
    Integer rate = maxNullable(
        network == null ? null : network.maxRequestsPerMinute(), o.network == null ? null : o.network.maxRequestsPerMinute());
    Network net = out.isEmpty() && rate == null ? null : new Network(out, rate);
    List<String> read = merge(filesystem == null ? null : filesystem.read(), o.filesystem == null ? null : o.filesystem.read());
    List<String> write = merge(filesystem == null ? null : filesystem.write(), o.filesystem == null ? null : o.filesystem.write());
    Filesystem fs = read.isEmpty() && write.isEmpty() ? null : new Filesystem(read, write);
    List<String> sec = merge(secrets == null ? null : secrets.required(), o.secrets == null ? null : o.secrets.required());
    return new Permissions(
        net, fs, unionSubprocess(subprocess, o.subprocess), sec.isEmpty() ? null : new Secrets(sec),
        merge(capabilities, o.capabilities));
  }

  private static JsonNode unionSubprocess(JsonNode a, JsonNode b) {
    if (a == null || (a.isBoolean() && !a.asBoolean())) {
      return b == null || (b.isBoolean() && !b.asBoolean()) ? null : b;
    }
    if (b == null || (b.isBoolean() && !b.asBoolean())) {
      return a;
    }
    if (a.isBoolean() || b.isBoolean()) {
      return BooleanNode.TRUE;
    }
    TreeSet<String> all = new TreeSet<>();
    a.forEach(n -> all.add(n.asText()));
    b.forEach(n -> all.add(n.asText()));
    var arr = Json.mapper().createArrayNode();
    all.forEach(arr::add);
    return arr;
  }

  private static List<String> merge(List<String> a, List<String> b) {
    TreeSet<String> set = new TreeSet<>();
    if (a != null) {
      set.addAll(a);
    }
    if (b != null) {
      set.addAll(b);
    }
    return new ArrayList<>(set);
  }

  private static Integer maxNullable(Integer a, Integer b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : Math.max(a, b);
  }
}
