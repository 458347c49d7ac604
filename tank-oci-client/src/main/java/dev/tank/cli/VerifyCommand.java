package dev.tank.cli;

import dev.tank.Tank;
import dev.tank.install.ProjectVerifier;
import dev.tank.mediatypes.ErrorCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "verify", mixinStandardHelpOptions = true,
    header = "Check the installed skills against the lock, offline.",
    description = {
      "Re-checks the installed project offline against skills.lock and the local cache: every manifest digest, the content's integrity, every installed file's hash, size and mode, and every signature against the trust policy (skills.json).",
      "Exit code 1 on any failure."
    })
final class VerifyCommand extends Common implements Callable<Integer> {
  @Override
  public Integer call() {
    try (Tank tank = tank()) {
      ProjectVerifier.Report r = tank.verify();
      if (json) {
        Output.json(out(), r);
      } else {
        print(r);
      }
      if (!r.ok()) {
        long bad = r.skills().stream().filter(s -> !s.ok()).count();
        boolean signature = r.skills().stream().anyMatch(s -> "FAILED".equals(s.signature()));
        ErrorCode code = signature ? ErrorCode.SIGNATURE : ErrorCode.INTEGRITY;
        err().println("error " + code.id() + ": " + bad + " of " + r.skills().size() + " skills failed verification");
        err().println("  fix: read the problems above; 'tank install' restores files from the lock, a bad signature means do not use the skill");
        return 1;
      }
      return 0;
    }
  }

  private void print(ProjectVerifier.Report r) {
    String fmt = "%-32s %-10s %-8s %-8s %-8s %s%n";
    out().printf(fmt, "SKILL", "VERSION", "MANIFEST", "CONTENT", "FILES", "SIGNATURE");
    for (ProjectVerifier.SkillReport s : r.skills()) {
      out().printf(fmt, s.name(), s.version(), s.manifest(), s.content(), s.files(), s.signature());
      for (String p : s.problems()) {
        out().println("    - " + p);
      }
    }
    out().println(r.ok() ? "verified " + r.skills().size() + " skills" : "verification FAILED");
  }
}
