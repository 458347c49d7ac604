package dev.tank.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.tank.Tank;
import dev.tank.analyze.AnalysisReport;
import dev.tank.analyze.Analyzer;
import dev.tank.analyze.Finding;
import dev.tank.analyze.Sarif;
import dev.tank.analyze.Severity;
import dev.tank.analyze.Verdict;
import dev.tank.audit.AuditScore;
import dev.tank.install.SkillAuditor;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.Permissions;
import dev.tank.mediatypes.TankException;
import dev.tank.pack.SkillFolder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

@Command(name = "audit", mixinStandardHelpOptions = true,
    header = "Audit a skill folder or a published skill.",
    description = {
      "Static analysis and the 0-10 audit score, with the evidence for every point (docs/audit.md), of a skill folder (DIR, offline) or a published skill (@org/name[@range]).",
      "The analysis covers prompt injection, download-and-execute, credential access, exfiltration, obfuscation, persistence, destructive commands, hardcoded secrets, typosquatting, and capabilities the code uses without declaring them in skills.json. Rules: docs/analysis.md.",
      "Exit code 1 when the verdict is 'fail' (or at or above --fail-on), 0 otherwise."
    })
final class AuditCommand extends Common implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR|@org/name[@range]",
      description = "Skill folder (default: current folder), or a published skill.")
  String target = "";

  @Option(names = "--sarif", description = "The report as SARIF 2.1.0 on stdout (for code-scanning tools).")
  boolean sarif;

  @Option(names = "--fail-on", paramLabel = "VERDICT",
      description = "Lowest verdict that exits with 1: fail (default) or flagged.")
  String failOn = "fail";

  @Option(names = "--known-names", paramLabel = "FILE",
      description = "Names already in the registry, one per line, to check this skill's name against (typosquatting).")
  Path knownNames;

  /** The {@code --json} document. */
  @JsonPropertyOrder({"skill", "directory", "digest", "verdict", "filesScanned", "bytesScanned", "counts", "findings", "score"})
  record AuditJson(String skill, String directory, String digest, Verdict verdict, int filesScanned, long bytesScanned,
      Map<String, Integer> counts, List<Finding> findings, AuditScore score) {}

  @Override
  public Integer call() {
    if (json && sarif) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--json and --sarif cannot be used together");
    }
    Verdict threshold = switch (failOn) {
      case "fail" -> Verdict.FAIL;
      case "flagged" -> Verdict.FLAGGED;
      default -> throw new CommandLine.ParameterException(spec.commandLine(),
          "--fail-on must be 'fail' or 'flagged', not '" + failOn + "'");
    };
    if (target.startsWith("@")) {
      return published(threshold);
    }
    Path root = Path.of(target).toAbsolutePath().normalize();
    SkillFolder folder = SkillFolder.load(root);
    Map<String, byte[]> files = folder.readAll();
    Permissions declared = folder.skillsJson() == null ? Permissions.NONE : folder.skillsJson().permissionsOrNone();
    String name = folder.skillName().toString();
    Analyzer analyzer = Analyzer.standard();
    AnalysisReport report = analyzer.analyze(name, files, declared, knownNames());
    AuditScore score;
    try (Tank tank = tank()) {
      score = tank.auditFolder(folder, files, report).score();
    }
    return print(name, folder.dir().toString(), null, report, score, analyzer, folder.dir().toUri(), threshold);
  }

  private int published(Verdict threshold) {
    SkillAuditor.Result r;
    try (Tank tank = tank()) {
      r = tank.audit(target);
    }
    return print(r.skill(), null, r.digest(), r.analysis(), r.score(), Analyzer.standard(), null, threshold);
  }

  private int print(String name, String directory, String digest, AnalysisReport report, AuditScore score,
      Analyzer analyzer, java.net.URI base, Verdict threshold) {
    PrintWriter out = spec.commandLine().getOut();
    if (sarif) {
      out.print(new String(Sarif.write(report, analyzer.rules(), Main.versionNumber(), base), StandardCharsets.UTF_8));
      out.flush();
    } else if (json) {
      Output.json(out, new AuditJson(name, directory, digest, report.verdict(), report.filesScanned(),
          report.bytesScanned(), counts(report), report.findings(), score));
    } else {
      human(out, name, report);
      out.println();
      out.printf("audit score %s/10%n", fmt(score.score()));
      for (AuditScore.Point p : score.points()) {
        out.printf("  %-26s %s/%s  %s%n", p.id(), fmt(p.awarded()), fmt(p.max()), p.evidence());
      }
      out.flush();
    }
    if (report.verdict().compareTo(threshold) < 0) {
      return 0;
    }
    Output.error(new TankException(ErrorCode.AUDIT,
        "skill " + name + " did not pass static analysis: verdict " + report.verdict().id(),
        directory != null ? directory : digest,
        "remove or rewrite what the findings point at (each rule's rationale is in docs/analysis.md)"),
        false, out, spec.commandLine().getErr());
    return ErrorCode.AUDIT.exitCode();
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private List<String> knownNames() {
    if (knownNames == null) {
      return List.of();
    }
    try {
      return Files.readAllLines(knownNames, StandardCharsets.UTF_8).stream()
          .map(String::strip).filter(s -> !s.isEmpty() && !s.startsWith("#")).toList();
    } catch (IOException e) {
      throw new TankException(ErrorCode.IO, "cannot read the list of known names: " + e.getMessage(),
          knownNames.toString(), "pass a text file with one skill name per line", e);
    }
  }

  /** Verdict line, then the findings grouped by severity, most severe first, each with its evidence. */
  private static void human(PrintWriter out, String name, AnalysisReport r) {
    Map<String, Integer> counts = counts(r);
    StringBuilder summary = new StringBuilder();
    for (Severity s : new Severity[] {Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO}) {
      if (counts.containsKey(s.id())) {
        summary.append(summary.length() == 0 ? "" : ", ").append(counts.get(s.id())).append(' ').append(s.id());
      }
    }
    out.println(name + ": " + r.verdict().id() + " (" + (summary.length() == 0 ? "no findings" : summary) + "; "
        + r.filesScanned() + " files, " + r.bytesScanned() + " bytes)");
    for (Severity s : new Severity[] {Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO}) {
      List<Finding> group = r.findings().stream().filter(f -> f.severity() == s).toList();
      if (group.isEmpty()) {
        continue;
      }
      out.println();
      out.println(s.name());
      for (Finding f : group) {
        out.println("  " + f.file() + (f.line() > 0 ? ":" + f.line() : "") + "  " + f.ruleId() + "  " + f.message());
        out.println("      " + f.evidence());
      }
    }
    out.flush();
  }

  private static Map<String, Integer> counts(AnalysisReport r) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Finding f : r.findings()) {
      counts.merge(f.severity().id(), 1, Integer::sum);
    }
    return counts;
  }
}
