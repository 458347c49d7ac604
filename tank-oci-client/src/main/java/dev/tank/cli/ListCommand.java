package dev.tank.cli;

import dev.tank.Tank;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "list", aliases = {"ls"}, mixinStandardHelpOptions = true,
    header = "List the locked skills and whether each is installed.")
final class ListCommand extends Common implements Callable<Integer> {
  @Override
  public Integer call() {
    try (Tank tank = tank()) {
      List<Tank.ListedSkill> skills = tank.list();
      if (json) {
        Output.json(out(), skills);
        return 0;
      }
      if (skills.isEmpty()) {
        out().println("no skills (no skills.lock in " + tank.projectDir() + ")");
        return 0;
      }
      int w = skills.stream().mapToInt(s -> (s.name() + "@" + s.version()).length()).max().orElse(10);
      out().printf("%-" + w + "s  %-19s  %-9s  %s%n", "SKILL", "DIGEST", "SIGNATURE", "STATUS");
      for (Tank.ListedSkill s : skills) {
        out().printf("%-" + w + "s  %-19s  %-9s  %s%n", s.name() + "@" + s.version(), s.digest().substring(0, 19),
            s.signature(), s.installed() ? "installed" : "missing (run tank install)");
      }
      return 0;
    }
  }
}
