package dev.tank.mediatypes;

/**
 * Stable error codes. The string form ({@code TANK-E-...}) is part of Tank's public contract:
 * scripts match on it, so a code is never renamed or reused.
 */
public enum ErrorCode {
  /** Wrong command-line use. Exit code 2. */
  USAGE("TANK-E-USAGE", 2),
  /** A file is not well-formed JSON or YAML. */
  SYNTAX("TANK-E-SYNTAX", 1),
  /** A file is well-formed but breaks its schema (unknown field, wrong type, bad value). */
  SCHEMA("TANK-E-SCHEMA", 1),
  /** A skill folder is not a valid skill (SKILL.md missing or its frontmatter wrong). */
  SKILL_INVALID("TANK-E-SKILL", 1),
  /** A skill name, version or range does not parse. */
  INVALID_NAME("TANK-E-NAME", 1),
  INVALID_VERSION("TANK-E-VERSION", 1),
  INVALID_RANGE("TANK-E-RANGE", 1),
  /** A file or folder the command needs is missing. */
  MISSING_FILE("TANK-E-MISSING", 1),
  /** The skill, or any version matching the range, is not in the registry. */
  NOT_FOUND("TANK-E-NOT-FOUND", 1),
  /** Two dependency paths need incompatible versions of one skill. */
  CONFLICT("TANK-E-CONFLICT", 1),
  /** Publishing a version that already exists: versions are immutable. */
  VERSION_EXISTS("TANK-E-EXISTS", 1),
  /** The registry reference itself is malformed or not allowed (e.g. plain HTTP to a remote host). */
  REGISTRY_REF("TANK-E-REGISTRY-REF", 1),
  /** The registry could not be reached. */
  UNREACHABLE("TANK-E-UNREACHABLE", 1),
  /** The registry refused the credentials, or none were found. */
  AUTH("TANK-E-AUTH", 1),
  /** The registry answered with an error or with something that is not a valid answer. */
  REGISTRY("TANK-E-REGISTRY", 1),
  /** Bytes did not hash to the digest that was asked for. */
  INTEGRITY("TANK-E-INTEGRITY", 1),
  /** Content larger than its descriptor or than Tank's limits. */
  TOO_LARGE("TANK-E-TOO-LARGE", 1),
  /** An archive entry would write outside its target or is of a forbidden kind. */
  UNSAFE_ARCHIVE("TANK-E-UNSAFE-ARCHIVE", 1),
  /** {@code --frozen} or CI: skills.json and skills.lock disagree, or the lock is missing. */
  LOCK_MISMATCH("TANK-E-LOCK-MISMATCH", 1),
  /** Another Tank process holds the project lock. */
  PROJECT_BUSY("TANK-E-BUSY", 1),
  /** A signing or verification key is unreadable, of an unsupported type, or its password is wrong. */
  KEY("TANK-E-KEY", 1),
  /**
   * A signature is missing where the trust policy requires one, does not verify, was made by a key or
   * identity the policy does not trust, or covers another artifact.
   */
  SIGNATURE("TANK-E-SIGNATURE", 1),
  /** The registry offers an older version than one already locked or seen for this skill. */
  ROLLBACK("TANK-E-ROLLBACK", 1),
  /** The skills to install need permissions beyond the project's budget. */
  PERMISSION("TANK-E-PERMISSION", 1),
  /** A version's changes need a bigger semver bump than it has. */
  SEMVER("TANK-E-SEMVER", 1),
  /** A skill fails static analysis or scores below the project's minimum audit score. */
  AUDIT("TANK-E-AUDIT", 1),
  /** A local file could not be read or written. */
  IO("TANK-E-IO", 1),
  /** An internal error: a bug in Tank. */
  INTERNAL("TANK-E-INTERNAL", 1);

  private final String id;
  private final int exitCode;

  ErrorCode(String id, int exitCode) {
    this.id = id;
    this.exitCode = exitCode;
  }

  /** The stable identifier, e.g. {@code TANK-E-INTEGRITY}. */
  public String id() {
    return id;
  }

  /**
   * The next step when the place that raised the error has nothing more precise to say, or null
   * for codes whose next step always depends on the error. Local I/O failures and Tank's own bugs
   * have one answer whatever the file or the call.
   */
  public String defaultHint() {
    return switch (this) {
      case IO -> "check that the path exists, that you may read and write it, and that the disk has free space";
      case INTERNAL -> "this is a bug in Tank: report it with the command you ran and this message";
      default -> null;
    };
  }

  /** Process exit code for the CLI: 2 for usage errors, 1 for every failed check. */
  public int exitCode() {
    return exitCode;
  }

  @Override
  public String toString() {
    return id;
  }
}
