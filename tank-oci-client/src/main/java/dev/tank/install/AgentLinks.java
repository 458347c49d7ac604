package dev.tank.install;

import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Makes an installed skill visible to an agent: a relative symbolic link from the agent's folder
 * (e.g. {@code .claude/skills/x}) to {@code .agents/skills/x}, or a copy where links cannot be made
 * (file systems or platforms without symlinks).
 */
final class AgentLinks {
  private AgentLinks() {}

  /**
   * Creates {@code link} → {@code target}; returns true when it copied instead (because {@code
   * copy} was asked for, with {@code TANK_LINK_MODE=copy}, or because links cannot be made here).
   */
  static boolean link(Transaction tx, Path link, Path target, boolean copy) {
    try {
      Files.createDirectories(link.getParent());
      tx.created(link);
      if (copy) {
        copyTree(target, link);
        return true;
      }
      try {
        Files.createSymbolicLink(link, link.getParent().relativize(target));
        return false;
      } catch (UnsupportedOperationException | IOException e) {
        copyTree(target, link);
        return true;
      }
    } catch (IOException e) {
      throw new TankException(ErrorCode.IO, "cannot link skill into agent folder: " + e.getMessage(), link.toString(),
          "check that the folder is writable", e);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
        Files.createDirectories(to.resolve(from.relativize(d).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
        Files.copy(f, to.resolve(from.relativize(f).toString()), StandardCopyOption.COPY_ATTRIBUTES);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
