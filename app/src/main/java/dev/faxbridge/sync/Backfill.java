package dev.faxbridge.sync;

import dev.faxbridge.connection.ConnectionId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Lists a connection's mailboxes again from a date. The operator's request is stored, and the
 * connection's next sync moves the cursors back to it before it lists: a sync that was already
 * running when the request came cannot move them forward over it. The ledger recognises every fax
 * it knows, so only the missing ones are delivered. (A new connection back-fills by itself: its
 * first listing reaches {@code initial-lookback} back.)
 */
@Component
public class Backfill {

  private final JdbcClient jdbc;
  private final SyncSchedule schedule;
  private final Clock clock;

  Backfill(JdbcClient jdbc, SyncSchedule schedule, Clock clock) {
    this.jdbc = jdbc;
    this.schedule = schedule;
    this.clock = clock;
  }

  /**
   * Stores a back-fill from {@code from} (an earlier pending one wins if it reaches further back)
   * and asks for a sync now, or right after the one running.
   *
   * @return the start of the back-fill the next sync applies
   */
  public Instant from(ConnectionId connection, Instant from) {
    Instant now = clock.instant();
    if (!from.isBefore(now)) {
      throw new IllegalArgumentException("A back-fill starts in the past, was " + from);
    }
    Instant pending =
        jdbc.sql(
                """
                insert into backfill_request (connection_id, from_at, requested_at)
                values (:connection, :from, :now)
                on conflict (connection_id) do update
                  set from_at = least(backfill_request.from_at, excluded.from_at),
                      requested_at = excluded.requested_at
                returning from_at
                """)
            .param("connection", connection.value())
            .param("from", Timestamp.from(from))
            .param("now", Timestamp.from(now))
            .query(Timestamp.class)
            .single()
            .toInstant();
    schedule.syncNow(connection);
    return pending;
  }
}
