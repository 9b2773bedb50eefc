package dev.faxbridge.sync;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.provider.Mailbox;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A connection's fax mailboxes and their listing cursors. */
@Repository
class Mailboxes {

  /** A mailbox with its cursor; {@code syncedThrough} is null before the first listing. */
  record Cursor(String mailboxId, Instant syncedThrough) {}

  private final JdbcClient jdbc;
  private final Clock clock;

  Mailboxes(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Makes the stored mailboxes match what the provider lists now: new ones start without a cursor,
   * missing ones are retired (their cursor kept in case they come back), returning ones reactivate.
   */
  void reconcile(ConnectionId connection, List<Mailbox> current) {
    Timestamp now = Timestamp.from(clock.instant());
    for (Mailbox mailbox : current) {
      jdbc.sql(
              """
              insert into mailbox (connection_id, extension_id, extension_type, extension_number, status, discovered_at)
              values (:connection, :id, :type, :number, 'ACTIVE', :now)
              on conflict (connection_id, extension_id) do update
                set status = 'ACTIVE', extension_type = excluded.extension_type,
                    extension_number = excluded.extension_number
              """)
          .param("connection", connection.value())
          .param("id", mailbox.id())
          .param("type", mailbox.type())
          .param("number", mailbox.number())
          .param("now", now)
          .update();
    }
    Set<String> ids = current.stream().map(Mailbox::id).collect(Collectors.toSet());
    for (Cursor stored : active(connection)) {
      if (!ids.contains(stored.mailboxId())) {
        jdbc.sql(
                "update mailbox set status = 'RETIRED' where connection_id = :connection and extension_id = :id")
            .param("connection", connection.value())
            .param("id", stored.mailboxId())
            .update();
      }
    }
  }

  List<Cursor> active(ConnectionId connection) {
    return jdbc.sql(
            """
            select extension_id, synced_through from mailbox
            where connection_id = :connection and status = 'ACTIVE' order by extension_id
            """)
        .param("connection", connection.value())
        .query(
            (rs, row) -> {
              Timestamp through = rs.getTimestamp("synced_through");
              return new Cursor(rs.getString(1), through == null ? null : through.toInstant());
            })
        .list();
  }

  /**
   * Moves the cursor forward (never back) once every fax listed up to {@code through} is recorded.
   */
  void advance(ConnectionId connection, String mailboxId, Instant through) {
    jdbc.sql(
            """
            update mailbox set synced_through = :through
            where connection_id = :connection and extension_id = :id
              and (synced_through is null or synced_through < :through)
            """)
        .param("through", Timestamp.from(through))
        .param("connection", connection.value())
        .param("id", mailboxId)
        .update();
  }
}
