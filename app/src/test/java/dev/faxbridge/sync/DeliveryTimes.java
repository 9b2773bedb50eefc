package dev.faxbridge.sync;

import dev.faxbridge.connection.ConnectionId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** When a connection's faxes were delivered, read from the ledger: for tests of sync order. */
final class DeliveryTimes {

  private DeliveryTimes() {}

  /** The connection's delivered faxes' {@code delivered_at}, earliest first. */
  static List<Instant> of(JdbcClient jdbc, ConnectionId connection) {
    return jdbc
        .sql(
            "select delivered_at from inbound_fax where connection_id = :id"
                + " and delivered_at is not null order by delivered_at")
        .param("id", connection.value())
        .query(Timestamp.class)
        .list()
        .stream()
        .map(Timestamp::toInstant)
        .toList();
  }
}
