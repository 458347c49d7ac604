package dev.tank.analyze;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Comparator;
import java.util.Objects;

/**
 * One thing a rule found: where ({@code file} relative to the skill folder, 1-based {@code line},
 * or 0 when the finding is about the whole file), the evidence (the line, trimmed to at most 200
 * characters, secrets redacted and invisible characters made visible) and a message.
 */
@JsonPropertyOrder({"ruleId", "category", "severity", "file", "line", "evidence", "message"})
public record Finding(
    String ruleId, String category, Severity severity, String file, int line, String evidence, String message) {

  /** The order of findings in every report: file (by UTF-8 bytes), line, rule id, then message. */
  public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::file, Finding::compareUtf8)
      .thenComparingInt(Finding::line)
      .thenComparing(Finding::ruleId)
      .thenComparing(Finding::message);

  public Finding {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(evidence, "evidence");
    Objects.requireNonNull(message, "message");
    if (line < 0) {
      throw new IllegalArgumentException("line must not be negative: " + line);
    }
  }

  private static int compareUtf8(String a, String b) {
    return java.util.Arrays.compareUnsigned(
        a.getBytes(java.nio.charset.StandardCharsets.UTF_8), b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
