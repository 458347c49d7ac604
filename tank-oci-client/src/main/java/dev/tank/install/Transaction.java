package dev.tank.install;

import dev.tank.io.AtomicFiles;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The commit step of an install as a sequence of undoable file operations. Each operation is
 * appended to a journal ({@code .tank/txn/journal}) before it runs; on failure the operations are
 * undone in reverse order, and a journal left by a killed process is undone at the next start, so
 * the project always ends either exactly as before or fully updated.
 *
 * <p>Moved-away originals are kept under {@code .tank/txn/} until {@link #commit()}, on the same
 * file system as the project, so every move is a rename.
 */
final class Transaction implements AutoCloseable {
  private final Path project;
  private final Path dir;
  private final Path journal;
  private final List<String[]> ops = new ArrayList<>();
  private int backups;
  private boolean done;

  private Transaction(Path project) {
    this.project = project;
    this.dir = project.resolve(".tank").resolve("txn");
    this.journal = dir.resolve("journal");
  }

  /** Starts a transaction, first undoing any transaction a killed process left behind. */
  static Transaction begin(Path project) {
    recover(project);
    Transaction t = new Transaction(project);
    try {
      Files.createDirectories(t.dir);
      Files.write(t.journal, new byte[0]);
    } catch (IOException e) {
      throw io(e, t.dir);
    }
    return t;
  }

  /** Undoes a journal left by a process that died mid-commit. Safe to call when there is none. */
  static void recover(Path project) {
    Path dir = project.resolve(".tank").resolve("txn");
    Path journal = dir.resolve("journal");
    if (!Files.exists(journal)) {
      deleteTree(dir);
      return;
    }
    Transaction t = new Transaction(project);
    try {
      for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
        String[] parts = line.split("\t", -1);
        if (parts.length >= 2) {
          t.ops.add(parts);
        }
      }
    } catch (IOException e) {
      throw io(e, journal);
    }
    t.rollback();
  }

  /** Moves {@code from} (which must exist) out of the way; undo moves it back. */
  void moveAside(Path from) {
    Path backup = dir.resolve("backup-" + (backups++));
    log("move", from, backup);
    move(from, backup);
  }

  /** Moves a staged {@code from} into place at {@code to} (which must not exist); undo deletes it. */
  void place(Path from, Path to) {
    log("create", to, to);
    try {
      Files.createDirectories(to.getParent());
    } catch (IOException e) {
      throw io(e, to);
    }
    move(from, to);
  }

  /** Records that {@code path} is about to be created by the caller; undo deletes it. */
  void created(Path path) {
    log("create", path, path);
  }

  /** Replaces a file's content atomically; undo restores the old content (or deletes a new file). */
  void writeFile(Path file, byte[] content) {
    try {
      if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        Path backup = dir.resolve("backup-" + (backups++));
        Files.copy(file, backup, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        log("restore", file, backup);
      } else {
        log("create", file, file);
      }
      AtomicFiles.write(file, content, false);
    } catch (IOException e) {
      throw io(e, file);
    }
  }

  private void log(String kind, Path a, Path b) {
    String[] op = {kind, a.toString(), b.toString()};
    ops.add(op);
    try {
      Files.writeString(journal, String.join("\t", op) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw io(e, journal);
    }
  }

  /** Makes the changes permanent and drops the backups. */
  void commit() {
    try {
      Files.deleteIfExists(journal);
    } catch (IOException e) {
      throw io(e, journal);
    }
    done = true;
    deleteTree(dir);
  }

  /** Undoes every operation, newest first. */
  void rollback() {
    for (int i = ops.size() - 1; i >= 0; i--) {
      String[] op = ops.get(i);
      Path a = Path.of(op[1]);
      Path b = Path.of(op[2]);
      switch (op[0]) {
        case "move" -> {
          if (Files.exists(b, LinkOption.NOFOLLOW_LINKS)) {
            deleteTree(a);
            move(b, a);
          }
        }
        case "create" -> deleteTree(a);
        case "restore" -> {
          if (Files.exists(b)) {
            deleteTree(a);
            move(b, a);
          }
        }
        default -> { }
      }
    }
    ops.clear();
    done = true;
    try {
      Files.deleteIfExists(journal);
    } catch (IOException ignored) {
      // recovery runs again next time
    }
    deleteTree(dir);
  }

  @Override
  public void close() {
    if (!done) {
      rollback();
    }
  }

  private static void move(Path from, Path to) {
    try {
      try {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(from, to);
      }
    } catch (IOException e) {
      throw io(e, from);
    }
  }

  static void deleteTree(Path p) {
    try {
      AtomicFiles.deleteTree(p);
    } catch (IOException e) {
      throw io(e, p);
    }
  }

  private static TankException io(IOException e, Path p) {
    return new TankException(ErrorCode.IO, "file operation failed: " + e, p.toString(),
        "check permissions and free space; the project was left as it was", e);
  }

  Path project() {
    return project;
  }
}
