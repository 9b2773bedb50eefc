package dev.faxbridge.sync;

import dev.faxbridge.connection.ConnectionAuthorized;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A connection that was just authorized (new, or restored after NEEDS_REAUTHORIZATION) is synced at
 * once; its mailbox cursors were kept, so faxes that arrived meanwhile are picked up.
 */
@Component
class SyncWhenAuthorized {

  private final SyncSchedule schedule;

  SyncWhenAuthorized(SyncSchedule schedule) {
    this.schedule = schedule;
  }

  @EventListener
  void onAuthorized(ConnectionAuthorized event) {
    schedule.schedule(event.connectionId());
    if (!event.restored()) {
      return;
    }
    schedule.syncNow(event.connectionId());
  }
}
