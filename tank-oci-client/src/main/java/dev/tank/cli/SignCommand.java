package dev.tank.cli;

import dev.tank.Tank;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sign", mixinStandardHelpOptions = true,
    header = "Sign a published skill version with a cosign key.",
    description = {
      "Writes a cosign simple signature under the tag sha256-<hex>.sig, and a Sigstore bundle (v0.3) as a referrer of the skill's manifest (the OCI 1.1 fallback tag where the registry has no referrers API).",
      "The key's password comes from TANK_PASSWORD, else it is asked on the terminal."
    })
final class SignCommand extends Common implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SKILL", description = "The version to sign: @org/name@1.2.3.")
  String skill;

  @Option(names = "--key", required = true, paramLabel = "KEY", description = "Private key (.key from 'tank keygen' or cosign).")
  Path key;

  @Override
  public Integer call() {
    Tank.exactName(skill, "sign"); // a usage error comes before the password prompt
    try (Tank tank = tank()) {
      Tank.SignResult r = tank.sign(skill, privateKey(key));
      if (json) {
        Output.json(out(), r);
      } else {
        out().println("signed " + r.name() + "@" + r.version() + " (" + r.digest() + ")");
        out().println("  key:       " + r.key());
        out().println("  signature: " + r.signatureTag());
        out().println("  bundle:    " + r.bundleManifest());
      }
      return 0;
    }
  }
}
