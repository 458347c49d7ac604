package dev.tank.cli;

import dev.tank.Tank;
import dev.tank.install.Installer;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "install", aliases = {"i", "add"}, mixinStandardHelpOptions = true,
    header = "Install the project's skills, or add skills to it.",
    description = {
      "Without arguments: installs exactly skills.lock when it matches skills.json, else resolves and writes the lock.",
      "With @org/name[@range]: adds the skill to skills.json (range defaults to ^latest) and installs.",
      "--frozen (or CI=true): installs exactly the lock or fails; never rewrites it."
    })
final class InstallCommand extends Common implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "SKILL", description = "Skills to add: @org/name or @org/name@range.")
  List<String> skills = List.of();

  @Option(names = {"--frozen", "--ci"}, description = "Fail unless skills.lock matches skills.json; never write the lock.")
  boolean frozen;

  @Mixin ResolveOptions resolve;

  @Override
  public Integer call() {
    try (Tank tank = tank()) {
      Installer.Result r = tank.install(resolve.apply(new Installer.Options(frozen, skills, List.of(), null)));
      Report.install(this, r);
      return 0;
    }
  }
}
