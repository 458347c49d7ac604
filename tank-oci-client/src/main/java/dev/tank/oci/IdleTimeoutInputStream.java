package dev.tank.oci;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A response body that fails when no byte arrives for {@code idle}: the JDK client's timeout
 * covers only the wait for the headers, so a server that sends half a body and then stalls would
 * otherwise hold an install for ever. A shared watchdog interrupts (and closes) a read that has made
 * no progress for that long; the read then fails with {@link Stalled}.
 */
final class IdleTimeoutInputStream extends FilterInputStream {
  /** The read failed because the server stopped sending. */
  static final class Stalled extends IOException {
    private static final long serialVersionUID = 1L;

    Stalled(Duration idle) {
      super("the registry stopped sending (no data for " + idle.toSeconds() + " s)");
    }
  }

  private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "tank-read-watchdog");
    t.setDaemon(true);
    return t;
  });

  private final Duration idle;
  private final ScheduledFuture<?> check;
  private volatile long lastProgress = System.nanoTime();
  private volatile Thread reader;
  private volatile boolean stalled;

  IdleTimeoutInputStream(InputStream in, Duration idle) {
    super(in);
    this.idle = idle;
    long period = Math.max(50, Math.min(1000, idle.toMillis() / 4));
    this.check = WATCHDOG.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
  }

  private void check() {
    Thread t = reader;
    if (t != null && !stalled && System.nanoTime() - lastProgress > idle.toNanos()) {
      stalled = true;
      t.interrupt();
      try {
        in.close();
      } catch (IOException ignored) {
        // closing only helps the interrupted read give up
      }
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (stalled) {
      throw new Stalled(idle);
    }
    reader = Thread.currentThread();
    try {
      int n = super.read(b, off, len);
      lastProgress = System.nanoTime();
      return n;
    } catch (IOException e) {
      if (stalled) {
        throw new Stalled(idle);
      }
      throw e;
    } finally {
      reader = null;
      if (stalled) {
        Thread.interrupted(); // the interrupt was ours, not the caller's
      }
    }
  }

  @Override
  public void close() throws IOException {
    check.cancel(false);
    super.close();
  }
}
