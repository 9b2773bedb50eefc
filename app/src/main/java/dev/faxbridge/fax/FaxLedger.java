package dev.faxbridge.fax;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.provider.Acknowledgement;
import dev.faxbridge.provider.ListedFax;
import dev.faxbridge.tenant.TenantId;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The fax ledger in PostgreSQL. */
@Repository
public class FaxLedger {

  private final JdbcClient jdbc;
  private final Clock clock;

  FaxLedger(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Records a listed fax unless its source key is already in the ledger.
   *
   * @return the new row's id, or empty when the fax was already known
   */
  public Optional<UUID> recordListed(TenantId tenant, ConnectionId connection, ListedFax fax) {
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    int inserted =
        jdbc.sql(
                """
                insert into inbound_fax (id, tenant_id, connection_id, provider_account_id, mailbox_id,
                    message_id, attachment_id, state, received_at, from_number, to_number, page_count,
                    content_type, declared_size, attachment_uri, next_attempt_at, discovered_at)
                values (:id, :tenant, :connection, :account, :mailbox, :message, :attachment, 'DISCOVERED',
                    :received, :from, :to, :pages, :type, :size, :uri, :now, :now)
                on conflict on constraint inbound_fax_source_key do nothing
                """)
            .param("id", id)
            .param("tenant", tenant.value())
            .param("connection", connection.value())
            .param("account", fax.accountId())
            .param("mailbox", fax.mailboxId())
            .param("message", fax.messageId())
            .param("attachment", fax.attachmentId())
            .param("received", Timestamp.from(fax.receivedAt()))
            .param("from", fax.fromNumber())
            .param("to", fax.toNumber())
            .param("pages", fax.pageCount())
            .param("type", fax.contentType())
            .param("size", fax.declaredSize())
            .param("uri", fax.documentUri().toString())
            .param("now", Timestamp.from(now))
            .update();
    return inserted == 1 ? Optional.of(id) : Optional.empty();
  }

  /** Faxes of a connection that wait for delivery and are due, oldest first. */
  public List<InboundFax> due(ConnectionId connection, int limit) {
    return jdbc.sql(
            """
            select * from inbound_fax
            where connection_id = :connection and state in ('DISCOVERED', 'DOWNLOADED', 'FAILED')
              and next_attempt_at <= :now
            order by received_at limit :limit
            """)
        .param("connection", connection.value())
        .param("now", Timestamp.from(clock.instant()))
        .param("limit", limit)
        .query(FaxLedger::map)
        .list();
  }

  public Optional<InboundFax> find(UUID id) {
    return jdbc.sql("select * from inbound_fax where id = :id")
        .param("id", id)
        .query(FaxLedger::map)
        .optional();
  }

  public List<InboundFax> forTenant(TenantId tenant) {
    return jdbc.sql("select * from inbound_fax where tenant_id = :tenant order by received_at")
        .param("tenant", tenant.value())
        .query(FaxLedger::map)
        .list();
  }

  /**
   * Claims a due fax for one delivery attempt: moves its next attempt {@code lease} ahead, so no
   * other sync (another node, an overlapping run) takes it meanwhile, and a node that dies holding
   * it only delays it by the lease.
   *
   * @return false when the fax is no longer due (someone else claimed or finished it)
   */
  public boolean claim(UUID id, Duration lease) {
    Instant now = clock.instant();
    return jdbc.sql(
                """
                update inbound_fax set next_attempt_at = :until
                where id = :id and state in ('DISCOVERED', 'DOWNLOADED', 'FAILED')
                  and next_attempt_at <= :now
                """)
            .param("until", Timestamp.from(now.plus(lease)))
            .param("id", id)
            .param("now", Timestamp.from(now))
            .update()
        == 1;
  }

  /** Hands a claimed fax back unattempted (the run ended before its turn): due again now. */
  public void release(UUID id) {
    jdbc.sql(
            """
            update inbound_fax set next_attempt_at = :now
            where id = :id and state in ('DISCOVERED', 'DOWNLOADED', 'FAILED')
            """)
        .param("now", Timestamp.from(clock.instant()))
        .param("id", id)
        .update();
  }

  /** The document is staged and verified; delivery comes next. */
  public void markDownloaded(UUID id, long size, String sha256) {
    jdbc.sql(
            """
            update inbound_fax set state = 'DOWNLOADED', size = :size, sha256 = :sha
            where id = :id and state in ('DISCOVERED', 'DOWNLOADED', 'FAILED')
            """)
        .param("size", size)
        .param("sha", sha256)
        .param("id", id)
        .update();
  }

  /**
   * The fax is in the destination. {@code acknowledgement} is what is owed at the source now (null:
   * nothing), done later by {@link #markAcknowledged}.
   */
  public void markDelivered(
      UUID id, long size, String sha256, String deliveredTo, Acknowledgement acknowledgement) {
    jdbc.sql(
            """
            update inbound_fax set state = 'DELIVERED', size = :size, sha256 = :sha, delivered_to = :to,
                delivered_at = :now, attempts = attempts + 1, last_error = null, acknowledgement = :ack
            where id = :id and state in ('DISCOVERED', 'DOWNLOADED', 'FAILED')
            """)
        .param(
            "ack",
            acknowledgement == null || acknowledgement == Acknowledgement.NONE
                ? null
                : acknowledgement.name())
        .param("size", size)
        .param("sha", sha256)
        .param("to", deliveredTo)
        .param("now", Timestamp.from(clock.instant()))
        .param("id", id)
        .update();
  }

  public void markFailed(UUID id, Instant nextAttemptAt, String error) {
    jdbc.sql(
            """
            update inbound_fax set state = 'FAILED', attempts = attempts + 1,
                next_attempt_at = :next, last_error = :error
            where id = :id and state in ('DISCOVERED', 'DOWNLOADED', 'FAILED')
            """)
        .param("next", Timestamp.from(nextAttemptAt))
        .param("error", error)
        .param("id", id)
        .update();
  }

  public void markAbandoned(UUID id, String error) {
    jdbc.sql(
            """
            update inbound_fax set state = 'ABANDONED', attempts = attempts + 1, last_error = :error,
                abandoned_at = :now
            where id = :id and state in ('DISCOVERED', 'DOWNLOADED', 'FAILED')
            """)
        .param("error", error)
        .param("now", Timestamp.from(clock.instant()))
        .param("id", id)
        .update();
  }

  /** Delivered faxes of a connection whose acknowledgement at the source is still owed. */
  public List<InboundFax> awaitingAcknowledgement(ConnectionId connection, int limit) {
    return jdbc.sql(
            """
            select * from inbound_fax
            where connection_id = :connection and state = 'DELIVERED' and acknowledgement is not null
            order by delivered_at limit :limit
            """)
        .param("connection", connection.value())
        .param("limit", limit)
        .query(FaxLedger::map)
        .list();
  }

  public void markAcknowledged(UUID id) {
    jdbc.sql(
            """
            update inbound_fax set state = 'ACKNOWLEDGED', acknowledged_at = :now
            where id = :id and state = 'DELIVERED'
            """)
        .param("now", Timestamp.from(clock.instant()))
        .param("id", id)
        .update();
  }

  /** Abandoned faxes (dead letters), of one tenant or of all when {@code tenant} is null. */
  public List<InboundFax> abandoned(TenantId tenant) {
    return jdbc.sql(
            """
            select * from inbound_fax
            where state = 'ABANDONED' and (cast(:tenant as uuid) is null or tenant_id = :tenant)
            order by received_at
            """)
        .param("tenant", tenant == null ? null : tenant.value())
        .query(FaxLedger::map)
        .list();
  }

  public int countAbandoned(TenantId tenant) {
    return jdbc.sql(
            "select count(*) from inbound_fax where state = 'ABANDONED' and tenant_id = :tenant")
        .param("tenant", tenant.value())
        .query(Integer.class)
        .single();
  }

  /**
   * Gives an abandoned fax a fresh set of attempts, due now. The last error stays for the record
   * until the next attempt replaces it.
   *
   * @return false when the fax is not abandoned (never was, or was retried already)
   */
  public boolean revive(UUID id) {
    return jdbc.sql(
                """
                update inbound_fax set state = 'DISCOVERED', attempts = 0, next_attempt_at = :now,
                    abandoned_at = null
                where id = :id and state = 'ABANDONED'
                """)
            .param("now", Timestamp.from(clock.instant()))
            .param("id", id)
            .update()
        == 1;
  }

  /**
   * When the oldest fax of a tenant that is not yet delivered was received (pending or abandoned),
   * or empty when every known fax is delivered.
   */
  public Optional<Instant> oldestUndelivered(TenantId tenant) {
    return jdbc.sql(
            """
            select min(received_at) from inbound_fax
            where tenant_id = :tenant and state in ('DISCOVERED', 'DOWNLOADED', 'FAILED', 'ABANDONED')
            """)
        .param("tenant", tenant.value())
        .query((rs, row) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
        .single();
  }

  private static InboundFax map(ResultSet rs, int row) throws SQLException {
    ListedFax source =
        new ListedFax(
            rs.getString("provider_account_id"),
            rs.getString("mailbox_id"),
            rs.getString("message_id"),
            rs.getString("attachment_id"),
            rs.getTimestamp("received_at").toInstant(),
            rs.getString("from_number"),
            rs.getString("to_number"),
            (Integer) rs.getObject("page_count"),
            rs.getString("content_type"),
            (Long) rs.getObject("declared_size"),
            URI.create(rs.getString("attachment_uri")));
    Timestamp delivered = rs.getTimestamp("delivered_at");
    return new InboundFax(
        rs.getObject("id", UUID.class),
        new TenantId(rs.getObject("tenant_id", UUID.class)),
        new ConnectionId(rs.getObject("connection_id", UUID.class)),
        source,
        FaxState.valueOf(rs.getString("state")),
        (Long) rs.getObject("size"),
        rs.getString("sha256"),
        rs.getString("delivered_to"),
        rs.getInt("attempts"),
        rs.getTimestamp("next_attempt_at").toInstant(),
        rs.getString("last_error"),
        rs.getTimestamp("discovered_at").toInstant(),
        delivered == null ? null : delivered.toInstant(),
        rs.getString("acknowledgement") == null
            ? null
            : Acknowledgement.valueOf(rs.getString("acknowledgement")));
  }
}
