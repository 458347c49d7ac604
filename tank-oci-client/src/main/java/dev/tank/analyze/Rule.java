package dev.tank.analyze;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One rule of the analyzer: a stable {@code id} (kebab-case, also the name of its fixture folder),
 * the {@code category} it belongs to, the severity of its findings, a one-line title and the reason
 * it exists.
 */
public record Rule(String id, String category, Severity severity, String title, String rationale) {
  private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  public Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(rationale, "rationale");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("rule id must be kebab-case: " + id);
    }
  }
}
