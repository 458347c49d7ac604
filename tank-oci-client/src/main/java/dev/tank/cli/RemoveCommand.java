package dev.tank.cli;

import dev.tank.Tank;
import dev.tank.install.Installer;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "remove", aliases = {"rm", "uninstall"}, mixinStandardHelpOptions = true,
    header = "Remove skills from the project and its agents.",
    description = {
      "Removes them from skills.json, the lock, .agents/skills and the agent folders."
    })
final class RemoveCommand extends Common implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "SKILL", description = "Skills to remove: @org/name.")
  List<String> skills;

  @Override
  public Integer call() {
    try (Tank tank = tank()) {
      Installer.Result r = tank.install(new Installer.Options(false, List.of(), skills, null));
      Report.install(this, r);
      return 0;
    }
  }
}
