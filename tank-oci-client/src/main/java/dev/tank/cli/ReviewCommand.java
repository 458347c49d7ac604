package dev.tank.cli;

import dev.tank.Tank;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "review", mixinStandardHelpOptions = true,
    header = "Attach a rating and review to a published version.",
    description = {
      "Attaches a community review (rating 1-5) to a published skill version, as an OCI referrer of its manifest. Reviews count towards the audit score's community_reviews points (see docs/audit.md)."
    })
final class ReviewCommand extends Common implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SKILL", description = "The version reviewed: @org/name@1.2.3.")
  String skill;

  @Option(names = "--rating", required = true, paramLabel = "1-5", description = "1 (harmful) to 5 (excellent).")
  int rating;

  @Option(names = "--comment", paramLabel = "TEXT", description = "What you found (at most 4000 characters).")
  String comment;

  @Option(names = "--reviewer", paramLabel = "NAME", description = "Who reviews (default: USER).")
  String reviewer;

  @Override
  public Integer call() {
    try (Tank tank = tank()) {
      Tank.Attachment a = tank.review(skill, rating, reviewer != null ? reviewer : env().get("USER"), comment);
      if (json) {
        Output.json(out(), a);
      } else {
        out().println("reviewed " + skill + ": " + rating + "/5 (" + a.digest() + ")");
      }
      return 0;
    }
  }
}
