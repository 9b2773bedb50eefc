package dev.faxbridge.provider.ringcentral;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Writes the lanes' use to {@link LaneMemory} every {@code remember-every}, and once more, marked
 * complete, when the node stops: after the scheduler has stopped (so nothing is sent any more) and
 * before the data source closes.
 */
final class LaneMemoryWriter implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(LaneMemoryWriter.class);

  private final RateLimitBudget budget;
  private final Duration every;
  private ScheduledExecutorService timer;

  LaneMemoryWriter(RateLimitBudget budget, Duration every) {
    this.budget = budget;
    this.every = every;
  }

  @Override
  public synchronized void start() {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "rate-limit-memory");
              thread.setDaemon(true);
              return thread;
            });
    timer.scheduleWithFixedDelay(
        () -> write(false), every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (timer == null) {
      return;
    }
    timer.shutdown();
    try {
      timer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    timer = null;
    write(true);
  }

  private void write(boolean clean) {
    try {
      budget.remember(clean);
    } catch (RuntimeException e) {
      log.warn("Could not write the rate-limit lanes' use: {}", e.getMessage());
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return timer != null;
  }

  /** Stops right after the orderly shutdown has stopped the scheduler. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 1;
  }
}
