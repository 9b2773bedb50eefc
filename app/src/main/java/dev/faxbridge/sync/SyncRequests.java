package dev.faxbridge.sync;

import dev.faxbridge.connection.ConnectionId;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * "Sync this connection again as soon as it can": a notification or an operator asked for a sync
 * while one ran. The running sync takes the request when it finishes and reschedules itself at
 * once, so the request is neither lost nor answered with an error.
 */
@Repository
class SyncRequests {

  private final JdbcClient jdbc;
  private final Clock clock;

  SyncRequests(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  void request(ConnectionId connection) {
    jdbc.sql(
            """
            insert into sync_request (connection_id, requested_at) values (:c, :now)
            on conflict (connection_id) do update set requested_at = excluded.requested_at
            """)
        .param("c", connection.value())
        .param("now", Timestamp.from(clock.instant()))
        .update();
  }

  /** Takes the pending request of a connection, if any: true means "sync again now". */
  boolean take(ConnectionId connection) {
    return jdbc.sql("delete from sync_request where connection_id = :c")
            .param("c", connection.value())
            .update()
        == 1;
  }
}
