package dev.tank.analyze;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collection;
import java.util.Locale;

/**
 * The outcome of an analysis, derived from its most severe finding only:
 *
 * <ul>
 *   <li>any {@link Severity#CRITICAL} finding: {@link #FAIL};
 *   <li>else any {@link Severity#HIGH}: {@link #FLAGGED};
 *   <li>else any {@link Severity#MEDIUM} or {@link Severity#LOW}: {@link #PASS_WITH_NOTES};
 *   <li>else (no findings, or {@link Severity#INFO} only): {@link #PASS}.
 * </ul>
 *
 * <p>Counting findings does not raise the verdict: ten medium findings are still notes, because
 * a sum of weak signals says more about a rule's noise than about the skill.
 */
public enum Verdict {
  PASS,
  PASS_WITH_NOTES,
  FLAGGED,
  FAIL;

  /** The verdict the policy above gives to {@code findings}. */
  public static Verdict of(Collection<Finding> findings) {
    Severity worst = Severity.INFO;
    for (Finding f : findings) {
      if (f.severity().compareTo(worst) > 0) {
        worst = f.severity();
      }
    }
    return switch (worst) {
      case CRITICAL -> FAIL;
      case HIGH -> FLAGGED;
      case MEDIUM, LOW -> PASS_WITH_NOTES;
      case INFO -> PASS;
    };
  }

  /** The JSON and CLI form: {@code pass}, {@code pass_with_notes}, {@code flagged}, {@code fail}. */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@link #id()}; null when {@code text} is none of them. */
  public static Verdict parse(String text) {
    for (Verdict v : values()) {
      if (v.id().equals(text)) {
        return v;
      }
    }
    return null;
  }
}
