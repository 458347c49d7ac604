package dev.tank.cli;

import dev.tank.Tank;
import dev.tank.permissions.PermissionTable;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "permissions", mixinStandardHelpOptions = true,
    header = "Show what each skill may do, against the budget.",
    description = {
      "Shows what each locked skill may do, per capability, against the project's budget (skills.json permissions). Items beyond the budget are marked with '!'. See docs/permissions.md for the model."
    })
final class PermissionsCommand extends Common implements Callable<Integer> {
  @Override
  public Integer call() {
    try (Tank tank = tank()) {
      Tank.PermissionReport r = tank.permissions();
      if (json) {
        Output.json(out(), r);
        return 0;
      }
      String fmt = "%-32s %-26s %s%n";
      out().printf(fmt, "SKILL", "CAPABILITY", "ALLOWS");
      for (PermissionTable.Row row : r.table().rows()) {
        out().printf(fmt, row.skill(), row.capability().field(), values(row));
      }
      if (r.table().rows().isEmpty()) {
        out().println("(no skill asks for any permission)");
      }
      out().println();
      if (!r.hasBudget()) {
        out().println("budget: none in skills.json, so nothing is checked; add \"permissions\" to set a ceiling");
      } else {
        for (PermissionTable.Row row : r.table().budget()) {
          out().printf(fmt, "budget", row.capability().field(), String.join(", ", row.values()));
        }
      }
      out().println("budget check when locked: " + r.budgetCheck());
      return 0;
    }
  }

  private static String values(PermissionTable.Row row) {
    StringBuilder b = new StringBuilder();
    for (String v : row.values()) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(v).append(row.beyondBudget().contains(v) ? " !" : "");
    }
    return b.toString();
  }
}
