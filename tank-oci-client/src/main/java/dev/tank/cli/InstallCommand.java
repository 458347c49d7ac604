package dev.tank.cli;

import dev.tank.Tank;
import dev.tank.install.Installer;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "install", aliases = {"i", "add"}, mixinStandardHelpOptions = true,
    description = {
      "Install the project's skills, or add skills to it.",
      "Without arguments: installs exactly skills.lock when it matches skills.json, else resolves and writes the lock.",
      "With @org/name[@range]: adds the skill to skills.json (range defaults to ^latest) and installs.",
      "--frozen (or CI=true): install exactly the lock or fail; never rewrites it."
    })
final class InstallCommand extends Common implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "SKILL", description = "Skills to add: @org/name or @org/name@range.")
  List<String> skills = List.of();

  @Option(names = {"--frozen", "--ci"}, description = "Fail unless skills.lock matches skills.json; never write the lock.")
  boolean frozen;

  @Option(names = "--allow-downgrade",
      description = "Accept versions older than ones seen before (only when a publisher really withdrew a version).")
  boolean allowDowngrade;

  @Option(names = {"-y", "--yes"},
      description = "Accept permissions beyond the project's budget and record them in skills.json (never with --frozen/CI).")
  boolean yes;

  @Override
  public Integer call() {
    try (Tank tank = tank()) {
      Installer.Options o = new Installer.Options(frozen, skills, List.of(), null);
      o = allowDowngrade ? o.allowingDowngrade() : o;
      Installer.Result r = tank.install(yes ? o.acceptingPermissions() : o);
      Report.install(this, r);
      return 0;
    }
  }
}
