package dev.faxbridge.connection.web;

import dev.faxbridge.connection.ConnectionAuthorized;
import dev.faxbridge.sync.SyncSchedule;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A connection that was just authorized (new, or restored after NEEDS_REAUTHORIZATION) is synced at
 * once; its cursor was kept, so faxes that arrived meanwhile are picked up.
 */
@Component
class ResumeSyncWhenAuthorized {

  private final SyncSchedule schedule;

  ResumeSyncWhenAuthorized(SyncSchedule schedule) {
    this.schedule = schedule;
  }

  @EventListener
  void onAuthorized(ConnectionAuthorized event) {
    schedule.schedule(event.connectionId());
    schedule.syncNow(event.connectionId());
  }
}
