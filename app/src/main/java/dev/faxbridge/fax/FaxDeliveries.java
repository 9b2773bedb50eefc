package dev.faxbridge.fax;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Delivery of a fax tracked per destination ({@code fax_delivery}): each destination a fax is
 * routed to has a row with its own attempts, next attempt and last error, so one destination's
 * outage or dead letter never holds back another. The fax's own row ({@link FaxLedger}) is
 * DELIVERED only once every one of its rows is. Every write names the fax's claim token and changes
 * nothing (answers false) once the claim moved on, like the ledger's own writes.
 */
@Repository
public class FaxDeliveries {

  /** Where one destination of a fax stands. */
  public enum State {
    PENDING,
    DELIVERED,
    ABANDONED
  }

  /** One (fax, destination) row. {@code deliveredTo} is where the destination put it. */
  public record Delivery(
      UUID faxId,
      UUID destinationId,
      State state,
      int attempts,
      Instant nextAttemptAt,
      String deliveredTo,
      String lastError) {

    public boolean due(Instant now) {
      return state == State.PENDING && !nextAttemptAt.isAfter(now);
    }
  }

  private static final String CLAIM_HOLDS =
      """
      exists (select 1 from inbound_fax f where f.id = :fax and f.claim_token = :claim
              and f.state in ('DISCOVERED', 'DOWNLOADED', 'FAILED'))
      """;

  private final JdbcClient jdbc;
  private final Clock clock;

  FaxDeliveries(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Routes a claimed fax to these destinations, once: a fax routed before keeps its destinations (a
   * rule changed later does not re-route it), new destinations are never added to it.
   *
   * @return the fax's deliveries, or empty when the claim had moved on (nothing changed)
   */
  public List<Delivery> route(UUID fax, UUID claim, List<UUID> destinations) {
    boolean holds =
        jdbc.sql("select " + CLAIM_HOLDS)
            .param("fax", fax)
            .param("claim", claim)
            .query(Boolean.class)
            .single();
    if (!holds) {
      return List.of();
    }
    if (forFax(fax).isEmpty()) {
      for (UUID destination : destinations) {
        jdbc.sql(
                """
                insert into fax_delivery (fax_id, destination_id, state, attempts, next_attempt_at)
                select :fax, :destination, 'PENDING', 0, :now where\s"""
                    + CLAIM_HOLDS
                    + " on conflict do nothing")
            .param("fax", fax)
            .param("destination", destination)
            .param("claim", claim)
            .param("now", Timestamp.from(clock.instant()))
            .update();
      }
    }
    return forFax(fax);
  }

  public List<Delivery> forFax(UUID fax) {
    return jdbc.sql("select * from fax_delivery where fax_id = :fax order by destination_id")
        .param("fax", fax)
        .query(FaxDeliveries::map)
        .list();
  }

  /**
   * This destination has the fax.
   *
   * @return false when the claim had moved on (nothing changed)
   */
  public boolean markDelivered(UUID fax, UUID destination, UUID claim, String deliveredTo) {
    return update(
        """
        update fax_delivery set state = 'DELIVERED', attempts = attempts + 1, delivered_to = :to,
            delivered_at = :now, last_error = null
        """,
        fax,
        destination,
        claim,
        deliveredTo,
        null);
  }

  /**
   * This destination failed; it is tried again at {@code next}.
   *
   * @return false when the claim had moved on (nothing changed)
   */
  public boolean markFailed(UUID fax, UUID destination, UUID claim, Instant next, String error) {
    return update(
        """
        update fax_delivery set attempts = attempts + 1, next_attempt_at = :next,
            last_error = :error
        """,
        fax,
        destination,
        claim,
        error,
        next);
  }

  /**
   * This destination is given up for this fax (a dead letter); the others go on.
   *
   * @return false when the claim had moved on (nothing changed)
   */
  public boolean markAbandoned(UUID fax, UUID destination, UUID claim, String error) {
    return update(
        """
        update fax_delivery set state = 'ABANDONED', attempts = attempts + 1, last_error = :error
        """,
        fax,
        destination,
        claim,
        error,
        null);
  }

  /**
   * Withdraws a still pending delivery to a destination that was removed: the row goes, so the fax
   * is delivered once its remaining destinations have it, or is routed again when none remain.
   *
   * @return false when the claim moved on or the row is no longer pending
   */
  public boolean withdraw(UUID fax, UUID destination, UUID claim) {
    return jdbc.sql(
                "delete from fax_delivery where fax_id = :fax and destination_id = :destination"
                    + " and state = 'PENDING' and "
                    + CLAIM_HOLDS)
            .param("fax", fax)
            .param("destination", destination)
            .param("claim", claim)
            .update()
        == 1;
  }

  private boolean update(
      String set, UUID fax, UUID destination, UUID claim, String text, Instant next) {
    var statement =
        jdbc.sql(
                set
                    + " where fax_id = :fax and destination_id = :destination"
                    + " and state = 'PENDING' and "
                    + CLAIM_HOLDS)
            .param("fax", fax)
            .param("destination", destination)
            .param("claim", claim)
            .param("now", Timestamp.from(clock.instant()));
    if (set.contains(":to")) {
      statement = statement.param("to", text);
    }
    if (set.contains(":error")) {
      statement = statement.param("error", text);
    }
    if (set.contains(":next")) {
      statement = statement.param("next", Timestamp.from(next));
    }
    return statement.update() == 1;
  }

  private static Delivery map(ResultSet rs, int row) throws SQLException {
    return new Delivery(
        rs.getObject("fax_id", UUID.class),
        rs.getObject("destination_id", UUID.class),
        State.valueOf(rs.getString("state")),
        rs.getInt("attempts"),
        rs.getTimestamp("next_attempt_at").toInstant(),
        rs.getString("delivered_to"),
        rs.getString("last_error"));
  }
}
