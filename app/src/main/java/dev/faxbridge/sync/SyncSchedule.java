package dev.faxbridge.sync;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.connection.ConnectionStatus;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.tenant.Tenants;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * One recurring db-scheduler task instance per connection, id = connection id. db-scheduler picks
 * each instance on one node at a time and revives the work of a node that died, which is what lets
 * several faxbridge nodes share one database. Each run reschedules itself after the tenant's
 * interval, also after a failure; at once when it stopped at a full delivery batch or a push
 * notification came while it ran; and, when it ended because its rate-limit lane was full or
 * closed, at the moment the lane opens, with a {@link ResumeAlarm} waking the scheduler then. A
 * waiting sync therefore holds no thread: the node's threads serve whichever syncs can send. A run
 * that continues a backlog while its lane has room gives way between two faxes to syncs waiting for
 * a thread (its window leaves it time); one resumed because its lane opened does not, since every
 * delay of a lane-paced request moves the end of the backlog (ADR 0021).
 */
@Configuration(proxyBeanMethods = false)
public class SyncSchedule {

  static final String TASK = "sync-connection";
  private static final Logger log = LoggerFactory.getLogger(SyncSchedule.class);

  private final ObjectProvider<SchedulerClient> scheduler;
  private final Connections connections;
  private final SyncRequests requests;
  private final ResumeAlarm alarm;
  private final SyncPriority priority;
  private final Clock clock;

  SyncSchedule(
      ObjectProvider<SchedulerClient> scheduler,
      Connections connections,
      SyncRequests requests,
      ResumeAlarm alarm,
      SyncPriority priority,
      Clock clock) {
    this.scheduler = scheduler;
    this.connections = connections;
    this.requests = requests;
    this.alarm = alarm;
    this.priority = priority;
    this.clock = clock;
  }

  @Bean
  static CustomTask<Void> syncConnectionTask(
      SyncConnection sync,
      Connections connections,
      Tenants tenants,
      SyncRequests requests,
      ResumeAlarm alarm,
      SyncPriority priority,
      SyncSettings settings,
      Clock clock) {
    return Tasks.custom(TASK, Void.class)
        .onFailure(
            (complete, operations) -> {
              TaskInstance<?> failed = complete.getExecution().taskInstance;
              priority.nextRun(failed, false);
              operations.reschedule(
                  complete, clock.instant().plus(interval(connections, tenants, failed.getId())));
            })
        .execute(
            (instance, context) -> {
              ConnectionId connection = ConnectionId.parse(instance.getId());
              Optional<ResumeAlarm.Continuation> continuing = alarm.takeResuming(instance.getId());
              SyncReport report =
                  continuing.isEmpty()
                      ? sync.run(connection, settings.firstDeliveries())
                      : sync.resume(
                          connection,
                          continuing.get() == ResumeAlarm.Continuation.BACKLOG
                              ? priority::regularRunWaiting
                              : () -> false);
              if (report.outcome() == SyncReport.Outcome.SKIPPED
                  && connections
                      .find(connection)
                      .map(c -> c.status() == ConnectionStatus.DISABLED)
                      .orElse(true)) {
                // Removed, or its tenant offboarded: nothing to sync ever again.
                return (complete, operations) -> operations.remove();
              }
              if (report.outcome() == SyncReport.Outcome.RATE_LIMITED
                  && report.resumeAt() != null) {
                // Its lane is full or closed: the run gave its thread back and resumes when the
                // lane opens. A request that came meanwhile makes that run a full one.
                boolean asked = requests.take(connection);
                Instant resumeAt = report.resumeAt();
                return (complete, operations) -> {
                  priority.nextRun(instance, false);
                  operations.reschedule(complete, resumeAt);
                  if (asked) {
                    alarm.at(resumeAt);
                  } else {
                    alarm.resume(instance.getId(), resumeAt, ResumeAlarm.Continuation.LANE_OPENED);
                  }
                };
              }
              // A request (notification, operator) that came while this run was under way, a
              // backlog larger than one delivery batch, or a run cut short by this node stopping
              // asks for another run at once; the rate-limit budget keeps the pace.
              boolean asked = requests.take(connection);
              boolean again =
                  asked || report.moreDueNow() || report.outcome() == SyncReport.Outcome.STOPPED;
              Duration interval =
                  again ? Duration.ZERO : interval(connections, tenants, instance.getId());
              // More due after a full batch (or the first few of a backlog just listed): the next
              // run only delivers, behind every other due run (SyncPriority).
              boolean deliverOnly = report.moreDueNow() && !asked;
              return (complete, operations) -> {
                Instant next = clock.instant().plus(interval);
                priority.nextRun(instance, deliverOnly);
                operations.reschedule(complete, next);
                if (deliverOnly) {
                  alarm.resume(instance.getId(), next, ResumeAlarm.Continuation.BACKLOG);
                }
              };
            });
  }

  private static Duration interval(Connections connections, Tenants tenants, String connectionId) {
    return connections
        .find(ConnectionId.parse(connectionId))
        .flatMap(connection -> tenants.find(connection.tenantId()))
        .map(tenant -> tenant.syncInterval())
        .orElse(Duration.ofMinutes(1));
  }

  /** Starts syncing a connection now; does nothing if it is already scheduled. */
  public void schedule(ConnectionId connection) {
    SchedulerClient client = scheduler.getIfAvailable();
    if (client != null) {
      client.scheduleIfNotExists(
          new TaskInstance<Void>(TASK, connection.toString()), clock.instant());
    }
  }

  /**
   * Moves a connection's next sync to now (a push notification, an operator's request). When a sync
   * of the connection is running, the request is kept and that sync is followed by another at once;
   * this never fails because one is running.
   *
   * @return true when the sync was moved to now, false when it follows the running one
   */
  public boolean syncNow(ConnectionId connection) {
    SchedulerClient client = scheduler.getIfAvailable();
    if (client == null) {
      return false;
    }
    // Kept before trying, so a run that ends between the attempt and a late write cannot miss it.
    requests.request(connection);
    alarm.forget(connection.toString());
    priority.regular(connection.toString());
    TaskInstanceId id = TaskInstanceId.of(TASK, connection.toString());
    try {
      if (client.reschedule(id, clock.instant())) {
        requests.take(connection);
        return true;
      }
      client.scheduleIfNotExists(
          new TaskInstance<Void>(TASK, connection.toString()), clock.instant());
      requests.take(connection);
      return true;
    } catch (TaskInstanceCurrentlyExecutingException running) {
      return false;
    }
  }

  /**
   * When the connection's next sync is due, if it is scheduled (and this node runs a scheduler).
   */
  public Optional<Instant> nextRun(ConnectionId connection) {
    SchedulerClient client = scheduler.getIfAvailable();
    if (client == null) {
      return Optional.empty();
    }
    return client
        .getScheduledExecution(TaskInstanceId.of(TASK, connection.toString()))
        .map(execution -> execution.getExecutionTime());
  }

  /**
   * Stops syncing a switched-off connection. A run under way ends normally; the next run finds the
   * connection switched off and removes the schedule.
   */
  public void unschedule(ConnectionId connection) {
    SchedulerClient client = scheduler.getIfAvailable();
    if (client == null) {
      return;
    }
    try {
      client.cancel(TaskInstanceId.of(TASK, connection.toString()));
    } catch (TaskInstanceCurrentlyExecutingException running) {
      log.info(
          "Connection {}: a sync is under way; the runs after it end the schedule", connection);
    } catch (RuntimeException notScheduled) {
      log.debug("Connection {}: no sync was scheduled", connection);
    }
  }

  @EventListener(ApplicationReadyEvent.class)
  void scheduleEveryConnection() {
    int count = 0;
    for (ProviderConnection connection : connections.all()) {
      if (connection.status() == ConnectionStatus.DISABLED) {
        continue;
      }
      schedule(connection.id());
      count++;
    }
    log.info("Sync scheduled for {} connections", count);
  }
}
