package dev.faxbridge.sync;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.provider.InboundPush;
import org.springframework.stereotype.Component;

/**
 * The engine's side of a provider's push endpoint: the token check against the stored subscription,
 * and a sync request that never collides with a running sync.
 */
@Component
class PushNotices implements InboundPush {

  private final PushRegistrations registrations;
  private final SyncSchedule schedule;

  PushNotices(PushRegistrations registrations, SyncSchedule schedule) {
    this.registrations = registrations;
    this.schedule = schedule;
  }

  @Override
  public boolean verifies(ConnectionId connection, String token) {
    return registrations.verifies(connection, token);
  }

  @Override
  public void faxesWaiting(ConnectionId connection) {
    schedule.syncNow(connection);
  }
}
