package dev.tank.cli;

import dev.tank.Tank;
import dev.tank.mediatypes.Json;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "info", aliases = {"view", "show"}, mixinStandardHelpOptions = true,
    header = "Show a published skill and its versions.",
    description = "Show a published skill: versions, digest, description, dependencies and permissions.")
final class InfoCommand extends Common implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SKILL", description = "@org/name or @org/name@range (default: highest release).")
  String skill;

  @Override
  public Integer call() {
    try (Tank tank = tank()) {
      Tank.SkillInfo i = tank.info(skill);
      if (json) {
        Output.json(out(), i);
        return 0;
      }
      out().println(i.name() + "@" + i.version());
      if (i.description() != null) {
        out().println("  " + i.description());
      }
      out().println("  digest:       " + i.digest());
      out().println("  resolved:     " + i.resolved());
      out().println("  license:      " + (i.license() == null ? "(none)" : i.license()));
      out().println("  files:        " + i.files() + " (" + i.contentBytes() + " bytes compressed)");
      out().println("  versions:     " + String.join(", ", i.versions()));
      out().println("  dependencies: " + (i.dependencies().isEmpty() ? "(none)" : i.dependencies()));
      String perms = new String(Json.writeCompact(i.permissions()), StandardCharsets.UTF_8);
      out().println("  permissions:  " + ("{}".equals(perms) ? "(none)" : perms));
      if (i.attached().isEmpty()) {
        out().println("  attached:     (nothing: unsigned, no SBOM)");
      }
      for (Tank.Attachment a : i.attached()) {
        out().println("  attached:     " + a.artifactType() + "  " + a.digest());
      }
      return 0;
    }
  }
}
