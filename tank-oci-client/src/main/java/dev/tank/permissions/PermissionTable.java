package dev.tank.permissions;

import dev.tank.mediatypes.Permissions;
import dev.tank.mediatypes.TankException;
import dev.tank.permissions.Grants.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What {@code tank permissions} shows: one row per skill and capability, with the items beyond the
 * budget marked, and the budget's own rows. Plain data: the CLI prints it as a table or as JSON.
 *
 * @param rows skills sorted by key, capabilities in {@link Capability} order; only capabilities a
 *     skill asks for
 * @param budget the budget's rows ({@code skill} is null); empty when there is no budget
 */
public record PermissionTable(List<Row> rows, List<Row> budget) {

  public PermissionTable {
    rows = List.copyOf(rows);
    budget = List.copyOf(budget);
  }

  /**
   * One cell group of the table.
   *
   * @param skill {@code @org/name@version}, or null in a budget row
   * @param capability the capability
   * @param values the items in canonical form ({@code *} for any host or any command)
   * @param beyondBudget the subset of {@code values} the budget does not allow; empty in budget rows
   */
  public record Row(String skill, Capability capability, List<String> values, List<String> beyondBudget) {
    public Row {
      Objects.requireNonNull(capability, "capability");
      values = List.copyOf(values);
      beyondBudget = List.copyOf(beyondBudget);
    }
  }

  /**
   * Builds the table. Requests and budget are read in normal form (checked for syntax only, so the
   * table can show even a request that a check would refuse).
   *
   * @throws TankException {@code SCHEMA} for a malformed value, placed at the
   *     skill key (or {@code skills.json}) and JSON path
   *
   * @param requests each skill's permissions, keyed {@code @org/name@version}
   * @param budget the project's budget, or null to show no budget column
   */
  public static PermissionTable of(Map<String, Permissions> requests, Permissions budget) {
    Grants b = budget == null ? null : read(budget, "skills.json");
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, Permissions> e : new TreeMap<>(requests).entrySet()) {
      Grants r = read(e.getValue() == null ? Permissions.NONE : e.getValue(), e.getKey());
      Map<Capability, List<String>> beyond = new TreeMap<>();
      if (b != null) {
        for (Excess x : PermissionModel.fits(r, b)) {
          beyond.computeIfAbsent(x.capability(), k -> new ArrayList<>()).add(x.requested());
        }
      }
      PermissionModel.items(r).forEach((cap, items) ->
          rows.add(new Row(e.getKey(), cap, items, beyond.getOrDefault(cap, List.of()))));
    }
    List<Row> budgetRows = new ArrayList<>();
    if (b != null) {
      PermissionModel.items(b).forEach((cap, items) -> budgetRows.add(new Row(null, cap, items, List.of())));
    }
    return new PermissionTable(rows, budgetRows);
  }

  private static Grants read(Permissions p, String place) {
    try {
      return Grants.read(p, Role.BUDGET, "$.permissions");
    } catch (TankException e) {
      throw e.at(place);
    }
  }
}
