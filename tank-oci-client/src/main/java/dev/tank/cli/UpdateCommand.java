package dev.tank.cli;

import dev.tank.Tank;
import dev.tank.install.Installer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "update", aliases = {"up"}, mixinStandardHelpOptions = true,
    header = "Move skills to the newest versions their ranges allow.",
    description = "Re-resolve skills to the newest versions their skills.json ranges allow, and rewrite the lock.")
final class UpdateCommand extends Common implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "SKILL", description = "Skills to update (default: all).")
  List<String> skills = List.of();

  @Mixin ResolveOptions resolve;

  @Override
  public Integer call() {
    try (Tank tank = tank()) {
      Installer.Result r = tank.install(resolve.apply(new Installer.Options(false, List.of(), List.of(), Set.copyOf(skills))));
      Report.install(this, r);
      return 0;
    }
  }
}
