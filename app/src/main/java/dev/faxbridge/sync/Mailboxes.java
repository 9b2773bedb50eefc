package dev.faxbridge.sync;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.provider.Mailbox;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A connection's fax mailboxes and their listing cursors. */
@Repository
class Mailboxes {

  /**
   * A mailbox with its cursors: {@code syncedThrough}, the engine's (null before the first
   * listing), and {@code providerCursor}, the provider's own (opaque; null until it answers one).
   */
  record Cursor(String mailboxId, Instant syncedThrough, String providerCursor) {}

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
    jdbc.sql(
            """
            insert into mailbox_listing (connection_id, listed_at) values (:connection, :now)
            on conflict (connection_id) do update set listed_at = excluded.listed_at
            """)
        .param("connection", connection.value())
        .param("now", now)
        .update();
  }

  /**
   * Whether the connection's mailboxes should be listed at the provider again: never listed, listed
   * longer than {@code every} ago, or asked for by {@link #listAgain}.
   */
  boolean listingDue(ConnectionId connection, Duration every) {
    return jdbc.sql("select listed_at from mailbox_listing where connection_id = :connection")
        .param("connection", connection.value())
        .query(Timestamp.class)
        .optional()
        .map(listed -> !listed.toInstant().plus(every).isAfter(clock.instant()))
        .orElse(true);
  }

  /** The next sync lists the connection's mailboxes at the provider again. */
  void listAgain(ConnectionId connection) {
    jdbc.sql("delete from mailbox_listing where connection_id = :connection")
        .param("connection", connection.value())
        .update();
  }

  List<Cursor> active(ConnectionId connection) {
    return jdbc.sql(
            """
            select extension_id, synced_through, provider_cursor from mailbox
            where connection_id = :connection and status = 'ACTIVE' order by extension_id
            """)
        .param("connection", connection.value())
        .query(
            (rs, row) -> {
              Timestamp through = rs.getTimestamp("synced_through");
              return new Cursor(
                  rs.getString(1), through == null ? null : through.toInstant(), rs.getString(3));
            })
        .list();
  }

  /**
   * Applies the connection's pending back-fill, if any, and forgets it: cursors later than its
   * start move back to it; a mailbox never listed yet moves only when the back-fill reaches further
   * back than its first listing will ({@code firstListingStart}).
   *
   * @return the number of mailboxes whose cursor moved
   */
  int applyBackfill(ConnectionId connection, Instant firstListingStart) {
    return jdbc.sql(
            """
            with request as (
              delete from backfill_request where connection_id = :connection returning from_at)
            update mailbox set synced_through = request.from_at
            from request
            where mailbox.connection_id = :connection and mailbox.status = 'ACTIVE'
              and ((mailbox.synced_through is not null and mailbox.synced_through > request.from_at)
                or (mailbox.synced_through is null and request.from_at < :firstListingStart))
            """)
        .param("connection", connection.value())
        .param("firstListingStart", Timestamp.from(firstListingStart))
        .update();
  }

  /**
   * Whether the re-read of {@code window} is due for a mailbox: never ran, or ran {@code every}
   * ago.
   */
  boolean rereadDue(ConnectionId connection, String mailboxId, SyncSettings.Reread reread) {
    return jdbc.sql(
            """
            select last_at from mailbox_reread
            where connection_id = :connection and extension_id = :id and window_seconds = :window
            """)
        .param("connection", connection.value())
        .param("id", mailboxId)
        .param("window", reread.window().toSeconds())
        .query(Timestamp.class)
        .optional()
        .map(last -> !last.toInstant().plus(reread.every()).isAfter(clock.instant()))
        .orElse(true);
  }

  void rereadDone(
      ConnectionId connection, String mailboxId, SyncSettings.Reread reread, Instant at) {
    jdbc.sql(
            """
            insert into mailbox_reread (connection_id, extension_id, window_seconds, last_at)
            values (:connection, :id, :window, :at)
            on conflict (connection_id, extension_id, window_seconds) do update set last_at = :at
            """)
        .param("connection", connection.value())
        .param("id", mailboxId)
        .param("window", reread.window().toSeconds())
        .param("at", Timestamp.from(at))
        .update();
  }

  /**
   * Moves the cursor forward (never back) once every fax listed up to {@code through} is recorded,
   * and keeps the provider's cursor of that listing.
   */
  void advance(ConnectionId connection, String mailboxId, Instant through, String providerCursor) {
    jdbc.sql(
            """
            update mailbox set synced_through = :through, provider_cursor = :cursor
            where connection_id = :connection and extension_id = :id
              and (synced_through is null or synced_through < :through)
            """)
        .param("through", Timestamp.from(through))
        .param("cursor", providerCursor)
        .param("connection", connection.value())
        .param("id", mailboxId)
        .update();
  }
}
