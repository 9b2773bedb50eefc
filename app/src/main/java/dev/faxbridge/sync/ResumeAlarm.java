package dev.faxbridge.sync;

import com.github.kagkarlsson.scheduler.Scheduler;
import dev.faxbridge.platform.ShutdownSignal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Wakes db-scheduler when a rate-limited sync may resume, so it starts as soon as its lane opens
 * rather than at the next poll. One timer thread for the node; wake-ups within {@link #SLOT} of
 * each other are one wake-up (a wake-up picks every sync due by then). It also remembers which
 * connections wait only to continue their deliveries, and why ({@link Continuation}): their next
 * run on this node need not list again, unless something asked for a sync meanwhile ({@link
 * #forget}).
 */
@Component
class ResumeAlarm {

  static final Duration SLOT = Duration.ofMillis(25);

  /** Why a connection's next run only continues its deliveries. */
  enum Continuation {
    /**
     * The rest of a backlog, with room in its rate-limit lane: the lane leaves it time (the window
     * ends later than its downloads would), so it gives way to syncs waiting for a thread.
     */
    BACKLOG,
    /**
     * Its lane was full or closed and has just opened: each request goes as early as the lane
     * allows, and any delay moves the end of the backlog, so it does not give way.
     */
    LANE_OPENED
  }

  private final ObjectProvider<Scheduler> scheduler;
  private final ShutdownSignal shutdown;
  private final Clock clock;
  private final Set<Long> armed = ConcurrentHashMap.newKeySet();
  private final Map<String, Continuation> resuming = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "sync-resume-alarm");
            thread.setDaemon(true);
            return thread;
          });

  ResumeAlarm(ObjectProvider<Scheduler> scheduler, ShutdownSignal shutdown, Clock clock) {
    this.scheduler = scheduler;
    this.shutdown = shutdown;
    this.clock = clock;
    shutdown.onRaised(timer::shutdownNow);
  }

  /**
   * The connection's sync stopped for its rate-limit lane and resumes at {@code when}: wakes the
   * scheduler then, and lets that run continue the deliveries without listing.
   */
  void resume(String connection, Instant when, Continuation why) {
    resuming.put(connection, why);
    at(when);
  }

  /** Whether, and why, the connection's next run only continues deliveries; asks once. */
  Optional<Continuation> takeResuming(String connection) {
    return Optional.ofNullable(resuming.remove(connection));
  }

  /** A sync was asked for (a notification, an operator): the next run lists as usual. */
  void forget(String connection) {
    resuming.remove(connection);
  }

  /**
   * The first slot that starts at or after {@code when}, to the nanosecond: a wake-up even a
   * fraction of a millisecond before a run's due time finds it not yet due, and the run then waits
   * for the next poll.
   */
  static long slotAtOrAfter(Instant when) {
    long nanos =
        Math.addExact(Math.multiplyExact(when.getEpochSecond(), 1_000_000_000L), when.getNano());
    return Math.floorDiv(nanos + SLOT.toNanos() - 1, SLOT.toNanos());
  }

  /** Asks the scheduler to look for due syncs at {@code when} (rounded up to the next slot). */
  void at(Instant when) {
    if (shutdown.raised()) {
      return;
    }
    long slot = slotAtOrAfter(when);
    if (!armed.add(slot)) {
      return;
    }
    long delay = Math.max(0, slot * SLOT.toMillis() - clock.instant().toEpochMilli());
    try {
      timer.schedule(
          () -> {
            armed.remove(slot);
            Scheduler current = scheduler.getIfAvailable();
            if (current != null && !shutdown.raised()) {
              current.triggerCheckForDueExecutions();
            }
          },
          delay,
          TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      armed.remove(slot);
    }
  }
}
