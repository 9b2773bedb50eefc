package dev.faxbridge.provider.ringcentral;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Ends document transfers that stall or last too long. The HTTP client's request timeout covers the
 * answer's headers only; a body that stops arriving without closing would hold the sync's thread
 * for as long as the server keeps the connection open. A watched body is closed when no byte came
 * for the idle timeout, or when the document's overall limit has passed; the blocked read then
 * fails with the reason, and the transfer counts as broken off. Real time (not the injected clock)
 * on purpose: this guards real I/O.
 */
final class TransferWatchdog {

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "faxbridge-transfer-watchdog");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * Watches {@code body} until it is closed.
   *
   * @param deadlineNanos the {@link System#nanoTime()} by which the whole document must be in
   */
  InputStream watch(InputStream body, Duration idleTimeout, long deadlineNanos) {
    Watched watched = new Watched(body, idleTimeout, deadlineNanos);
    long period = Math.max(10, Math.min(idleTimeout.toMillis() / 4, 1_000));
    watched.check =
        timer.scheduleAtFixedRate(watched::check, period, period, TimeUnit.MILLISECONDS);
    return watched;
  }

  private static final class Watched extends FilterInputStream {
    private final Duration idleTimeout;
    private final long deadlineNanos;
    private volatile long lastProgress = System.nanoTime();
    private volatile String stopped;
    private volatile ScheduledFuture<?> check;

    Watched(InputStream body, Duration idleTimeout, long deadlineNanos) {
      super(body);
      this.idleTimeout = idleTimeout;
      this.deadlineNanos = deadlineNanos;
    }

    void check() {
      long now = System.nanoTime();
      if (now - lastProgress > idleTimeout.toNanos()) {
        stop("no data for " + idleTimeout);
      } else if (now - deadlineNanos > 0) {
        stop("the document's time limit passed");
      }
    }

    private void stop(String reason) {
      stopped = reason;
      cancel();
      try {
        in.close();
      } catch (IOException ignored) {
        // the transfer is abandoned either way
      }
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n;
      try {
        n = in.read(buffer, offset, length);
      } catch (IOException e) {
        throw stopped == null ? e : new IOException(stopped, e);
      }
      if (stopped != null) {
        throw new IOException(stopped);
      }
      if (n > 0) {
        lastProgress = System.nanoTime();
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      cancel();
      super.close();
    }

    private void cancel() {
      ScheduledFuture<?> scheduled = check;
      if (scheduled != null) {
        scheduled.cancel(false);
      }
    }
  }
}
