package dev.faxbridge.sync;

import com.github.kagkarlsson.scheduler.task.Priority;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The order in which due syncs are picked (db-scheduler runs the highest priority first, then the
 * earliest due). A run that only continues a back-fill (the rest of a listed backlog, after its
 * first deliveries or a full batch) waits behind every other due run: a clinic that has just
 * connected, an interval's poll, a notification, a sync resuming when its lane opens. A clinic's
 * rate-limit window starts with its first download and its last faxes of a backlog larger than a
 * window can only come one window after that, so in a wave of connections starting each clinic
 * early sets the pace; continuing a back-fill can wait, the window leaves it time.
 *
 * <p>db-scheduler sets a task's priority when it is first scheduled and keeps it when it is
 * rescheduled, so the priority of a connection's row is set here, and only when it changes (an idle
 * poll writes nothing more).
 */
@Component
class SyncPriority {

  /** Continuing a back-fill. */
  static final int CONTINUATION = Priority.LOW;

  /** Every other run. */
  static final int REGULAR = Priority.MEDIUM;

  /**
   * How long a regular run must have been due, unpicked, before a continuation gives way to it. A
   * node with a free thread picks a due run within milliseconds; a run still waiting after this
   * long finds every thread busy. Without it, syncs whose lanes open together would give way to
   * each other just as their windows open.
   */
  static final Duration WAITING = Duration.ofMillis(250);

  private final JdbcClient jdbc;
  private final Clock clock;

  SyncPriority(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Whether a regular run has been due for {@link #WAITING} and no node has picked it. A run
   * continuing a back-fill gives way to it between two faxes: it already holds a thread, and may
   * hold it for a whole window's worth of downloads.
   */
  boolean regularRunWaiting() {
    return jdbc.sql(
            "select exists (select 1 from scheduled_tasks where priority > :continuation"
                + " and not picked and execution_time <= :now)")
        .param("continuation", CONTINUATION)
        .param("now", Timestamp.from(clock.instant().minus(WAITING)))
        .query(Boolean.class)
        .single();
  }

  /**
   * Sets the priority of the connection's next run, before the run that holds the row reschedules
   * it (no other node can pick the row in between).
   */
  void nextRun(TaskInstance<?> instance, boolean continuation) {
    int wanted = continuation ? CONTINUATION : REGULAR;
    if (instance.getPriority() != wanted) {
      set(instance.getId(), wanted);
    }
  }

  /** A sync was asked for: whenever it runs, it is a regular run. */
  void regular(String connection) {
    set(connection, REGULAR);
  }

  private void set(String connection, int priority) {
    jdbc.sql(
            "update scheduled_tasks set priority = :priority"
                + " where task_name = :task and task_instance = :connection"
                + " and priority is distinct from :priority")
        .param("priority", priority)
        .param("task", SyncSchedule.TASK)
        .param("connection", connection)
        .update();
  }
}
