package dev.tank.cli;

import dev.tank.Tank;
import dev.tank.install.Installer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "update", aliases = {"up"}, mixinStandardHelpOptions = true,
    description = "Re-resolve skills to the newest versions their skills.json ranges allow, and rewrite the lock.")
final class UpdateCommand extends Common implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "SKILL", description = "Skills to update (default: all).")
  List<String> skills = List.of();

  @Option(names = "--allow-downgrade",
      description = "Accept versions older than ones seen before (only when a publisher really withdrew a version).")
  boolean allowDowngrade;

  @Option(names = {"-y", "--yes"},
      description = "Accept permissions beyond the project's budget and record them in skills.json (never with --frozen/CI).")
  boolean yes;

  @Override
  public Integer call() {
    try (Tank tank = tank()) {
      Installer.Options o = new Installer.Options(false, List.of(), List.of(), Set.copyOf(skills));
      o = allowDowngrade ? o.allowingDowngrade() : o;
      Installer.Result r = tank.install(yes ? o.acceptingPermissions() : o);
      Report.install(this, r);
      return 0;
    }
  }
}
