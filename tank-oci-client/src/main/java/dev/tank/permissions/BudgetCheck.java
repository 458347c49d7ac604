package dev.tank.permissions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.Permissions;
import dev.tank.mediatypes.TankException;
import dev.tank.permissions.Grants.Role;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The outcome of checking every skill a project installs against the project's budget: which
 * skill asks for what beyond it, and the smallest widening of the budget that would accept them.
 *
 * @param budget the budget in normal form
 * @param requests each skill's request in normal form, keyed {@code @org/name@version}, sorted
 * @param excesses every item beyond the budget, by skill, then capability
 */
public record BudgetCheck(Permissions budget, Map<String, Permissions> requests, List<Excess> excesses) {

  public BudgetCheck {
    Objects.requireNonNull(budget, "budget");
    requests = Collections.unmodifiableMap(new TreeMap<>(requests));
    excesses = List.copyOf(excesses);
  }

  /**
   * Checks each request (as a skill's, so {@code *} and public-suffix wildcards are refused) and
   * the budget, then tests each request against the budget.
   *
   * @param requests each skill's permissions, keyed {@code @org/name@version}
   * @param budget the project's {@code permissions}; null means an empty budget (nothing allowed)
   * @throws TankException {@link ErrorCode#SCHEMA} or {@link ErrorCode#PERMISSION} if a request or
   *     the budget is invalid; the place names the skill (or {@code skills.json}) and the JSON path
   */
  public static BudgetCheck check(Map<String, Permissions> requests, Permissions budget) {
    Grants b;
    try {
      b = Grants.read(budget == null ? Permissions.NONE : budget, Role.BUDGET, "$.permissions");
    } catch (TankException e) {
      throw e.at("skills.json");
    }
    Map<String, Permissions> normal = new TreeMap<>();
    List<Excess> out = new ArrayList<>();
    for (Map.Entry<String, Permissions> e : new TreeMap<>(requests).entrySet()) {
      Grants r;
      try {
        r = Grants.read(e.getValue() == null ? Permissions.NONE : e.getValue(), Role.REQUEST, "$.permissions");
      } catch (TankException ex) {
        throw ex.at(e.getKey());
      }
      normal.put(e.getKey(), r.toPermissions());
      for (Excess x : PermissionModel.fits(r, b)) {
        out.add(x.forSkill(e.getKey()));
      }
    }
    return new BudgetCheck(b.toPermissions(), normal, out);
  }

  /** True if every skill fits the budget. */
  public boolean fits() {
    return excesses.isEmpty();
  }

  /** The excesses grouped by skill, skills sorted; skills that fit are absent. */
  public Map<String, List<Excess>> bySkill() {
    Map<String, List<Excess>> out = new LinkedHashMap<>();
    for (Excess x : excesses) {
      out.computeIfAbsent(x.skill(), k -> new ArrayList<>()).add(x);
    }
    return out;
  }

  /**
   * The smallest addition to the budget that accepts every request: exactly the items reported as
   * excess (for the rate, the highest one requested). Empty when everything fits. This is what
   * {@code --yes} records in {@code skills.json}; {@link #expandedBudget} is the result.
   */
  public Permissions expansion() {
    List<String> hosts = new ArrayList<>();
    List<String> read = new ArrayList<>();
    List<String> write = new ArrayList<>();
    TreeSet<String> commands = new TreeSet<>();
    List<String> secrets = new ArrayList<>();
    Integer rate = null;
    for (Excess x : excesses) {
      switch (x.capability()) {
        case NETWORK_OUTBOUND -> hosts.add(x.requested());
        case NETWORK_RATE -> rate = Math.max(rate == null ? 0 : rate, Integer.parseInt(x.requested()));
        case FILESYSTEM_READ -> read.add(x.requested());
        case FILESYSTEM_WRITE -> write.add(x.requested());
        case SUBPROCESS -> commands.add(x.requested());
        case SECRETS -> secrets.add(x.requested());
      }
    }
    JsonNode subprocess = commands.isEmpty() ? null
        : commands.contains(Grants.ANY_COMMAND) ? BooleanNode.TRUE
        : JsonNodeFactory.instance.arrayNode()
            .addAll(commands.stream().map(JsonNodeFactory.instance::textNode).toList());
    Permissions p = new Permissions(
        new Permissions.Network(hosts, rate), new Permissions.Filesystem(read, write), subprocess,
        new Permissions.Secrets(secrets), null);
    return PermissionModel.normalise(p);
  }

  /** The budget widened by {@link #expansion}: every request fits it. */
  public Permissions expandedBudget() {
    return PermissionModel.union(List.of(budget, expansion()));
  }

  /**
   * Returns normally if every skill fits.
   *
   * @throws TankException {@link ErrorCode#PERMISSION} naming each skill and what it asks for
   *     beyond the budget
   */
  public void requireFits() {
    if (fits()) {
      return;
    }
    Map<String, List<Excess>> by = bySkill();
    StringBuilder what = new StringBuilder();
    what.append(by.size() == 1 ? "1 skill asks" : by.size() + " skills ask")
        .append(" for more than the project's permission budget: ");
    List<String> parts = new ArrayList<>();
    by.forEach((skill, list) ->
        parts.add(skill + " wants " + String.join("; ", list.stream().map(Excess::describe).toList())));
    what.append(String.join(" | ", parts));
    throw new TankException(ErrorCode.PERMISSION, what.toString(), "skills.json at $.permissions",
        "widen the budget in skills.json (accepting would add " + summary(expansion())
            + "), or remove the skills that ask for too much");
  }

  /** A one-line summary of a permission set in normal form, e.g. {@code network.outbound [a.com]; subprocess [git]}. */
  static String summary(Permissions p) {
    List<String> parts = new ArrayList<>();
    PermissionModel.items(Grants.read(p, Role.BUDGET, "$"))
        .forEach((cap, items) -> parts.add(cap.field() + " " + items));
    return parts.isEmpty() ? "nothing" : String.join("; ", parts);
  }
}
