package dev.tank.cli;

import dev.tank.install.Installer;
import picocli.CommandLine.Option;

/** The choices install and update share about what a resolution may accept. */
final class ResolveOptions {
  @Option(names = "--allow-downgrade",
      description = "Accept versions older than ones seen before (only when a publisher really withdrew a version).")
  boolean allowDowngrade;

  @Option(names = {"-y", "--yes"},
      description = "Accept permissions beyond the project's budget and record them in skills.json (never with --frozen/CI).")
  boolean yes;

  Installer.Options apply(Installer.Options o) {
    Installer.Options out = allowDowngrade ? o.allowingDowngrade() : o;
    return yes ? out.acceptingPermissions() : out;
  }
}
