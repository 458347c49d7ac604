package dev.tank.mediatypes;

import java.util.Objects;

/**
 * The one exception family Tank throws at users. Each carries a stable {@link ErrorCode}, what
 * failed, where (file, JSON path, skill@version, digest) and what to do next.
 *
 * <p>Programmer errors stay {@link IllegalArgumentException}; this type is for conditions a user
 * can cause and fix.
 */
public class TankException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final String where;
  private final String hint;

  public TankException(ErrorCode code, String what, String where, String hint) {
    this(code, what, where, hint, null);
  }

  public TankException(ErrorCode code, String what, String where, String hint, Throwable cause) {
    super(Objects.requireNonNull(what, "what"), cause);
    this.code = Objects.requireNonNull(code, "code");
    this.where = where;
    this.hint = hint != null && !hint.isBlank() ? hint : code.defaultHint();
  }

  public ErrorCode code() {
    return code;
  }

  /** What failed, in one sentence. */
  public String what() {
    return super.getMessage();
  }

  /** The place: file and JSON path, skill@version, digest or URL; may be null. */
  public String where() {
    return where;
  }

  /** The next step for the user (the code's {@link ErrorCode#defaultHint} when none was given); may be null. */
  public String hint() {
    return hint;
  }

  /** A copy of this error whose place is prefixed with {@code outer} (e.g. the file name). */
  public TankException at(String outer) {
    String place = where == null || where.isEmpty() ? outer : outer + ": " + where;
    TankException e = new TankException(code, what(), place, hint, getCause());
    e.setStackTrace(getStackTrace());
    return e;
  }

  @Override
  public String getMessage() {
    StringBuilder sb = new StringBuilder(code.id()).append(": ").append(what());
    if (where != null && !where.isEmpty()) {
      sb.append(" (at ").append(where).append(')');
    }
    if (hint != null && !hint.isEmpty()) {
      sb.append(" — ").append(hint);
    }
    return sb.toString();
  }
}
