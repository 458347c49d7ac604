package dev.tank.cli;

import dev.tank.Tank;
import dev.tank.permissions.PermissionDiff;
import dev.tank.semver.BumpCheck;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "diff", mixinStandardHelpOptions = true,
    header = "Compare two published versions of a skill.",
    description = {
      "Shows the permission changes, interface changes and file changes, and the semver bump they need (see docs/semver.md). Exit code 0 either way."
    })
final class DiffCommand extends Common implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SKILL", description = "@org/name")
  String skill;

  @Parameters(index = "1", paramLabel = "FROM", description = "The older version.")
  String from;

  @Parameters(index = "2", paramLabel = "TO", description = "The newer version.")
  String to;

  @Override
  public Integer call() {
    try (Tank tank = tank()) {
      Tank.VersionDiff d = tank.diff(skill, from, to);
      if (json) {
        Output.json(out(), d);
        return 0;
      }
      out().println(d.name() + " " + d.from() + " → " + d.to());
      out().println("  bump: " + d.actualBump() + "; changes need " + d.requiredBump()
          + (d.sufficient() ? " (ok)" : " (NOT ENOUGH: the lowest allowed version is " + d.minimumVersion() + ")"));
      out().println("  permissions:");
      if (d.permissions().isEmpty()) {
        out().println("    (no change)");
      }
      for (PermissionDiff.Change c : d.permissions()) {
        out().println("    " + c.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + c.capability().field() + " "
            + c.value() + (c.dangerous() ? "  (dangerous)" : ""));
      }
      out().println("  interface and bump reasons:");
      if (d.changes().isEmpty()) {
        out().println("    (no change)");
      }
      for (BumpCheck.Change c : d.changes()) {
        out().println("    " + c.describe());
      }
      out().println("  files:");
      if (d.files().isEmpty()) {
        out().println("    (no change)");
      }
      for (Tank.FileChange f : d.files()) {
        String sizes = switch (f.change()) {
          case "added" -> f.toSize() + " bytes";
          case "removed" -> f.fromSize() + " bytes";
          default -> f.fromSize() + " → " + f.toSize() + " bytes";
        };
        out().println("    " + f.change() + " " + f.path() + " (" + sizes + ")");
      }
      return 0;
    }
  }
}
