package dev.faxbridge.sync;

import dev.faxbridge.connection.ConnectionId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Lists a connection's mailboxes again from a date: their cursors move back to it and a sync is due
 * now. The ledger recognises every fax it knows, so only the missing ones are delivered. (A new
 * connection back-fills by itself: its first listing reaches {@code initial-lookback} back.)
 */
@Component
public class Backfill {

  private final JdbcClient jdbc;
  private final SyncSchedule schedule;
  private final SyncSettings settings;
  private final Clock clock;

  Backfill(JdbcClient jdbc, SyncSchedule schedule, SyncSettings settings, Clock clock) {
    this.jdbc = jdbc;
    this.schedule = schedule;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Moves the connection's cursors back to {@code from} (never forward) and asks for a sync now.
   *
   * @return the number of mailboxes whose cursor moved
   */
  public int from(ConnectionId connection, Instant from) {
    Instant now = clock.instant();
    if (!from.isBefore(now)) {
      throw new IllegalArgumentException("A back-fill starts in the past, was " + from);
    }
    Instant firstListingStart = now.minus(settings.initialLookback());
    int moved =
        jdbc.sql(
                """
                update mailbox set synced_through = :from
                where connection_id = :connection and status = 'ACTIVE'
                  and ((synced_through is not null and synced_through > :from)
                    or (synced_through is null and :from < :firstListingStart))
                """)
            .param("from", Timestamp.from(from))
            .param("connection", connection.value())
            .param("firstListingStart", Timestamp.from(firstListingStart))
            .update();
    schedule.syncNow(connection);
    return moved;
  }
}
