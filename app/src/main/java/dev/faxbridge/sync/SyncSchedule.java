package dev.faxbridge.sync;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.tenant.Tenants;
import java.time.Clock;
import java.time.Duration;
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
 * interval, also after a failure.
 */
@Configuration(proxyBeanMethods = false)
public class SyncSchedule {

  static final String TASK = "sync-connection";
  private static final Logger log = LoggerFactory.getLogger(SyncSchedule.class);

  private final ObjectProvider<SchedulerClient> scheduler;
  private final Connections connections;
  private final Clock clock;

  SyncSchedule(ObjectProvider<SchedulerClient> scheduler, Connections connections, Clock clock) {
    this.scheduler = scheduler;
    this.connections = connections;
    this.clock = clock;
  }

  @Bean
  static CustomTask<Void> syncConnectionTask(
      SyncConnection sync,
      Connections connections,
      Tenants tenants,
      PushRegistrations push,
      Clock clock) {
    return Tasks.custom(TASK, Void.class)
        .onFailure(
            (complete, operations) ->
                operations.reschedule(
                    complete,
                    clock
                        .instant()
                        .plus(
                            interval(
                                connections,
                                tenants,
                                complete.getExecution().taskInstance.getId()))))
        .execute(
            (instance, context) -> {
              ConnectionId connection = ConnectionId.parse(instance.getId());
              sync.run(connection);
              // A notification that came while this run was under way asks for another at once.
              Duration interval =
                  push.takeSyncRequest(connection)
                      ? Duration.ZERO
                      : interval(connections, tenants, instance.getId());
              return (complete, operations) ->
                  operations.reschedule(complete, clock.instant().plus(interval));
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

  /** Moves a connection's next sync to now (a push notification, an operator's request). */
  public boolean syncNow(ConnectionId connection) {
    SchedulerClient client = scheduler.getIfAvailable();
    return client != null
        && client.reschedule(TaskInstanceId.of(TASK, connection.toString()), clock.instant());
  }

  @EventListener(ApplicationReadyEvent.class)
  void scheduleEveryConnection() {
    int count = 0;
    for (ProviderConnection connection : connections.all()) {
      schedule(connection.id());
      count++;
    }
    log.info("Sync scheduled for {} connections", count);
  }
}
