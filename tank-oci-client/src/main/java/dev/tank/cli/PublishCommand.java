package dev.tank.cli;

import dev.tank.Tank;
import dev.tank.publish.Publisher;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "publish", mixinStandardHelpOptions = true,
    header = "Pack and push a skill folder as a new version.",
    description = "Validate, pack and push a skill folder as an OCI artifact. Published versions are immutable.")
final class PublishCommand extends Common implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Skill folder (default: current folder).")
  Path dir = Path.of("");

  @Option(names = "--dry-run", description = "Validate and pack, print what would be pushed, push nothing.")
  boolean dryRun;

  @Option(names = "--sign-key", paramLabel = "KEY",
      description = "Sign the new version with this cosign-format private key (password: TANK_PASSWORD or prompt).")
  Path signKey;

  @Override
  public Integer call() {
    try (Tank tank = tank()) {
      Publisher.Result r = tank.publish(dir.toAbsolutePath().normalize(), dryRun, signKey == null ? null : privateKey(signKey));
      if (json) {
        Output.json(out(), r);
      } else {
        out().println((dryRun ? "would publish " : "published ") + r.name() + "@" + r.version());
        out().println("  registry: " + r.registry());
        out().println("  ref:      " + r.repository() + ":" + r.tag());
        out().println("  digest:   " + r.digest());
        out().println("  files:    " + r.files() + " (" + r.contentBytes() + " bytes compressed)");
        if (r.signedBy() != null) {
          out().println("  signed:   key " + r.signedBy());
        }
      }
      return 0;
    }
  }
}
