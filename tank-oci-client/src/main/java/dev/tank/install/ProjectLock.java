package dev.tank.install;

import dev.tank.events.TankEvent;
import dev.tank.events.TankListener;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * An exclusive OS file lock on {@code .tank/lock}: serializes Tank processes (and threads) working
 * on one project. The OS drops it when a process dies, so a crash never leaves the project locked.
 */
final class ProjectLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private ProjectLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static ProjectLock acquire(Path project, Duration wait, TankListener listener) {
    Path file = project.resolve(".tank").resolve("lock");
    long deadline = System.nanoTime() + wait.toNanos();
    boolean told = false;
    try {
      Files.createDirectories(file.getParent());
      FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      while (true) {
        FileLock l;
        try {
          l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
          l = null; // held by another thread of this JVM
        }
        if (l != null) {
          return new ProjectLock(ch, l);
        }
        if (System.nanoTime() > deadline) {
          ch.close();
          throw new TankException(ErrorCode.PROJECT_BUSY,
              "another Tank process is working on this project", file.toString(),
              "wait for it to finish and run the command again");
        }
        if (!told) {
          listener.on(new TankEvent.Waiting("another Tank process holds " + file));
          told = true;
        }
        Thread.sleep(100);
      }
    } catch (IOException e) {
      throw new TankException(ErrorCode.IO, "cannot lock the project: " + e.getMessage(), file.toString(),
          "check that the project folder is writable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TankException(ErrorCode.PROJECT_BUSY, "interrupted while waiting for the project lock", file.toString(), null, e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException ignored) {
      // closing the channel releases the lock in any case
    }
  }
}
