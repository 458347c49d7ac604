package dev.tank.analyze;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How serious a finding is. The order matters: later constants are more severe. */
public enum Severity {
  INFO,
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /** The JSON and CLI form: {@code info}, {@code low}, {@code medium}, {@code high}, {@code critical}. */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
