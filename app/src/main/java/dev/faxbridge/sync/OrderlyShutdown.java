package dev.faxbridge.sync;

import com.github.kagkarlsson.scheduler.Scheduler;
import dev.faxbridge.platform.ShutdownSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The first thing a stopping node does, before any bean is destroyed: raise the {@link
 * ShutdownSignal} (a call waiting for rate-limit budget gives up at once; a sync ends between two
 * faxes, hands back its claims and reschedules itself for now, so any node takes it over), then
 * stop db-scheduler, which takes no more work and waits (up to {@code db-scheduler.shutdown-max-
 * wait}) for the running syncs to return. Only after that does Spring close the data source and the
 * embedded database, which no longer stop on their own in a JVM shutdown hook.
 */
@Component
class OrderlyShutdown implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OrderlyShutdown.class);

  private final ShutdownSignal signal;
  private final ObjectProvider<Scheduler> scheduler;
  private volatile boolean running;

  OrderlyShutdown(ShutdownSignal signal, ObjectProvider<Scheduler> scheduler) {
    this.signal = signal;
    this.scheduler = scheduler;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    log.info("Stopping: syncs end after the fax in hand, then the scheduler stops");
    signal.raise();
    Scheduler current = scheduler.getIfAvailable();
    if (current != null) {
      current.stop();
    }
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stops before every other lifecycle (the web server, the scheduler's own starter). */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE;
  }
}
