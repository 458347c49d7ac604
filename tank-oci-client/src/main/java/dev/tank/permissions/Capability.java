package dev.tank.permissions;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The kinds of permission, named by their field in {@code permissions}. Each knows whether
 * gaining it is dangerous: new network reach, subprocesses, secrets and file writes can leak or
 * destroy; new reads and a higher request rate cannot on their own.
 */
public enum Capability {
  NETWORK_OUTBOUND("network.outbound", true),
  NETWORK_RATE("network.max_requests_per_minute", false),
  FILESYSTEM_READ("filesystem.read", false),
  FILESYSTEM_WRITE("filesystem.write", true),
  SUBPROCESS("subprocess", true),
  SECRETS("secrets.required", true);

  private final String field;
  private final boolean dangerous;

  Capability(String field, boolean dangerous) {
    this.field = field;
    this.dangerous = dangerous;
  }

  /** The field under {@code permissions}, e.g. {@code network.outbound}; also the JSON form. */
  @JsonValue
  public String field() {
    return field;
  }

  /** True if gaining more of this capability is dangerous (see the class comment). */
  public boolean dangerousWhenAdded() {
    return dangerous;
  }

  @Override
  public String toString() {
    return field;
  }
}
