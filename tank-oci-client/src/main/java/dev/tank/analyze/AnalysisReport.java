package dev.tank.analyze;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * The result of analysing one skill: the verdict (see {@link Verdict} for the policy), the findings
 * in {@link Finding#ORDER}, and how many files and bytes were looked at (binary files count, though
 * only file-level rules read them).
 */
@JsonPropertyOrder({"verdict", "findings", "filesScanned", "bytesScanned"})
public record AnalysisReport(Verdict verdict, List<Finding> findings, int filesScanned, long bytesScanned) {
  public AnalysisReport {
    Objects.requireNonNull(verdict, "verdict");
    findings = List.copyOf(findings);
  }
}
