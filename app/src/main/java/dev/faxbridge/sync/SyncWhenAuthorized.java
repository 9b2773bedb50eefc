package dev.faxbridge.sync;

import dev.faxbridge.connection.ConnectionAuthorized;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A connection that was just authorized (new, or restored after NEEDS_REAUTHORIZATION) is synced at
 * once; its mailbox cursors were kept, so faxes that arrived meanwhile are picked up. The first
 * sync after any authorization lists the account's mailboxes afresh (the authorizing user, and with
 * it what the connection can read, may have changed).
 */
@Component
class SyncWhenAuthorized {

  private final SyncSchedule schedule;
  private final Mailboxes mailboxes;

  SyncWhenAuthorized(SyncSchedule schedule, Mailboxes mailboxes) {
    this.schedule = schedule;
    this.mailboxes = mailboxes;
  }

  @EventListener
  void onAuthorized(ConnectionAuthorized event) {
    mailboxes.listAgain(event.connectionId());
    schedule.schedule(event.connectionId());
    if (!event.restored()) {
      return;
    }
    schedule.syncNow(event.connectionId());
  }
}
