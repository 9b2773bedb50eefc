package dev.faxbridge.emulator;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/** How an emulator started from the command line runs: demo faxes now and then, until killed. */
public final class DemoRun {

  private DemoRun() {}

  /**
   * Hands fax number 1, 2, 3, ... to {@code deliverFax} every {@code faxEvery} (never if zero) and
   * returns once the process is being killed and {@code stop} has run.
   */
  public static void untilKilled(Duration faxEvery, LongConsumer deliverFax, Runnable stop)
      throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    ScheduledExecutorService faxes = Executors.newSingleThreadScheduledExecutor();
    if (!faxEvery.isZero()) {
      AtomicLong sequence = new AtomicLong();
      faxes.scheduleAtFixedRate(
          () -> deliverFax.accept(sequence.incrementAndGet()),
          faxEvery.toMillis(),
          faxEvery.toMillis(),
          TimeUnit.MILLISECONDS);
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  faxes.shutdownNow();
                  stop.run();
                  stopped.countDown();
                }));
    stopped.await();
  }

  /** The sender's number of demo fax {@code n}. */
  public static String sender(long n) {
    return String.format("+1555%07d", n);
  }
}
