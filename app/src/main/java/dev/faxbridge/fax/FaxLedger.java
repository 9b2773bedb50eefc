package dev.faxbridge.fax;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.connection.Provider;
import dev.faxbridge.platform.SecretBox;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The fax ledger in PostgreSQL. Phone numbers are PHI: they are stored sealed with the row's id as
 * associated data ({@code from_number_sealed}, {@code to_number_sealed}) and opened only when a row
 * is read back for delivery or for an operator who asks.
 */
@Repository
public class FaxLedger {

  private static final Logger log = LoggerFactory.getLogger(FaxLedger.class);

  private final JdbcClient jdbc;
  private final NamedParameterJdbcOperations batches;
  private final Clock clock;
  private final SecretBox secrets;

  FaxLedger(JdbcClient jdbc, NamedParameterJdbcOperations batches, Clock clock, SecretBox secrets) {
    this.jdbc = jdbc;
    this.batches = batches;
    this.clock = clock;
    this.secrets = secrets;
  }

  /** A listed fax that was new to the ledger, with the id of its row. */
  public record Discovered(UUID id, ListedFax fax) {}

  /**
   * Records a listed page: each fax whose source key is not yet in the ledger becomes a new row. A
   * fax recorded with a {@link ListedFax#defect() defect} is repaired when a usable record of it
   * comes along (and is due at once if it is still pending). The page goes to the database in one
   * batch (and its repairs in a second), not a round trip per fax: a back-fill lists pages of
   * hundreds.
   *
   * @return the faxes that were new to the ledger, in the page's order
   */
  public List<Discovered> recordListed(
      TenantId tenant, ConnectionId connection, List<ListedFax> page) {
    if (page.isEmpty()) {
      return List.of();
    }
    Timestamp now = Timestamp.from(clock.instant());
    List<UUID> ids = new ArrayList<>(page.size());
    SqlParameterSource[] rows = new SqlParameterSource[page.size()];
    for (int i = 0; i < page.size(); i++) {
      ListedFax fax = page.get(i);
      UUID id = UUID.randomUUID();
      ids.add(id);
      rows[i] =
          new MapSqlParameterSource()
              .addValue("id", id)
              .addValue("tenant", tenant.value())
              .addValue("connection", connection.value())
              .addValue("provider", fax.provider().name())
              .addValue("account", fax.accountId())
              .addValue("mailbox", fax.mailboxId())
              .addValue("message", fax.messageId())
              .addValue("attachment", fax.attachmentId())
              .addValue(
                  "received", fax.receivedAt() == null ? null : Timestamp.from(fax.receivedAt()))
              .addValue("from", seal(fax.fromNumber(), id))
              .addValue("to", seal(fax.toNumber(), id))
              .addValue("sender", seal(fax.senderName(), id))
              .addValue("pages", fax.pageCount())
              .addValue("type", fax.contentType())
              .addValue("size", fax.declaredSize())
              .addValue("uri", fax.documentUri() == null ? null : fax.documentUri().toString())
              .addValue("defect", fax.defect())
              .addValue("now", now);
    }
    int[] inserted =
        batches.batchUpdate(
            """
            insert into inbound_fax (id, tenant_id, connection_id, provider, provider_account_id,
                mailbox_id, message_id, attachment_id, state, received_at, from_number_sealed,
                to_number_sealed, sender_name_sealed, page_count,
                content_type, declared_size, attachment_uri, listing_defect, next_attempt_at,
                discovered_at)
            values (:id, :tenant, :connection, :provider, :account, :mailbox, :message, :attachment,
                'DISCOVERED', coalesce(cast(:received as timestamptz), :now), :from, :to, :sender,
                :pages, :type, :size,
                :uri, :defect, :now, :now)
            on conflict on constraint inbound_fax_source_key do nothing
            """,
            rows);
    List<Discovered> discovered = new ArrayList<>();
    List<SqlParameterSource> repairs = new ArrayList<>();
    for (int i = 0; i < page.size(); i++) {
      ListedFax fax = page.get(i);
      if (inserted[i] == 1) {
        discovered.add(new Discovered(ids.get(i), fax));
      } else if (fax.defect() == null) {
        repairs.add(repair(connection, fax, now));
      }
    }
    if (!repairs.isEmpty()) {
      batches.batchUpdate(
          """
          update inbound_fax set listing_defect = null, attachment_uri = :uri, received_at = :received,
              content_type = :type, declared_size = :size,
              next_attempt_at = case when state in ('DISCOVERED', 'FAILED') then :now
                                     else next_attempt_at end
          where connection_id = :connection and mailbox_id = :mailbox and message_id = :message
            and attachment_id = :attachment and listing_defect is not null
          """,
          repairs.toArray(SqlParameterSource[]::new));
    }
    return discovered;
  }

  /** The values that repair a row recorded with a defect, if the known fax's row has one. */
  private static SqlParameterSource repair(ConnectionId connection, ListedFax fax, Timestamp now) {
    return new MapSqlParameterSource()
        .addValue("uri", fax.documentUri() == null ? null : fax.documentUri().toString())
        .addValue("received", Timestamp.from(fax.receivedAt()))
        .addValue("type", fax.contentType())
        .addValue("size", fax.declaredSize())
        .addValue("now", now)
        .addValue("connection", connection.value())
        .addValue("mailbox", fax.mailboxId())
        .addValue("message", fax.messageId())
        .addValue("attachment", fax.attachmentId());
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
        .query(this::map)
        .list();
  }

  public Optional<InboundFax> find(UUID id) {
    return jdbc.sql("select * from inbound_fax where id = :id")
        .param("id", id)
        .query(this::map)
        .optional();
  }

  public List<InboundFax> forTenant(TenantId tenant) {
    return jdbc.sql("select * from inbound_fax where tenant_id = :tenant order by received_at")
        .param("tenant", tenant.value())
        .query(this::map)
        .list();
  }

  /**
   * Claims a due fax for one delivery attempt: moves its next attempt {@code lease} ahead, so no
   * other sync (another node, an overlapping run) takes it meanwhile, and a node that dies holding
   * it only delays it by the lease. The claim's token fences every later write of this attempt:
   * once the lease has run out and another sync claimed the fax, writes naming the old token change
   * nothing and answer false.
   *
   * @return the claim's token, or empty when the fax is no longer due (someone else claimed or
   *     finished it)
   */
  public Optional<UUID> claim(UUID id, Duration lease) {
    Instant now = clock.instant();
    UUID token = UUID.randomUUID();
    int claimed =
        jdbc.sql(
                """
                update inbound_fax set next_attempt_at = :until, claim_token = :token
                where id = :id and state in ('DISCOVERED', 'DOWNLOADED', 'FAILED')
                  and next_attempt_at <= :now
                """)
            .param("until", Timestamp.from(now.plus(lease)))
            .param("token", token)
            .param("id", id)
            .param("now", Timestamp.from(now))
            .update();
    return claimed == 1 ? Optional.of(token) : Optional.empty();
  }

  /**
   * Hands a claimed fax back unattempted (the run ended before its turn): due again now.
   *
   * @return false when the claim had moved on (nothing changed)
   */
  public boolean release(UUID id, UUID claim) {
    return jdbc.sql(
                """
                update inbound_fax set next_attempt_at = :now, claim_token = null
                where id = :id and claim_token = :claim
                  and state in ('DISCOVERED', 'DOWNLOADED', 'FAILED')
                """)
            .param("now", Timestamp.from(clock.instant()))
            .param("id", id)
            .param("claim", claim)
            .update()
        == 1;
  }

  /**
   * The document is staged and verified; delivery comes next.
   *
   * @return false when the claim had moved on (nothing changed)
   */
  public boolean markDownloaded(UUID id, UUID claim, long size, String sha256) {
    return jdbc.sql(
                """
                update inbound_fax set state = 'DOWNLOADED', size = :size, sha256 = :sha
                where id = :id and claim_token = :claim
                  and state in ('DISCOVERED', 'DOWNLOADED', 'FAILED')
                """)
            .param("size", size)
            .param("sha", sha256)
            .param("id", id)
            .param("claim", claim)
            .update()
        == 1;
  }

  /**
   * The fax is in the destination. {@code acknowledgement} is what is owed at the source now (null:
   * nothing), done later by {@link #markAcknowledged}.
   *
   * @return false when the claim had moved on (nothing changed)
   */
  public boolean markDelivered(
      UUID id,
      UUID claim,
      long size,
      String sha256,
      String deliveredTo,
      Acknowledgement acknowledgement) {
    return jdbc.sql(
                """
                update inbound_fax set state = 'DELIVERED', size = :size, sha256 = :sha,
                    delivered_to = :to, delivered_at = :now, attempts = attempts + 1,
                    last_error = null, acknowledgement = :ack, ack_next_attempt_at = :now
                where id = :id and claim_token = :claim
                  and state in ('DISCOVERED', 'DOWNLOADED', 'FAILED')
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
            .param("claim", claim)
            .update()
        == 1;
  }

  /**
   * @return false when the claim had moved on (nothing changed)
   */
  public boolean markFailed(UUID id, UUID claim, Instant nextAttemptAt, String error) {
    return jdbc.sql(
                """
                update inbound_fax set state = 'FAILED', attempts = attempts + 1,
                    next_attempt_at = :next, last_error = :error
                where id = :id and claim_token = :claim
                  and state in ('DISCOVERED', 'DOWNLOADED', 'FAILED')
                """)
            .param("next", Timestamp.from(nextAttemptAt))
            .param("error", error)
            .param("id", id)
            .param("claim", claim)
            .update()
        == 1;
  }

  /**
   * @return false when the claim had moved on (nothing changed)
   */
  public boolean markAbandoned(UUID id, UUID claim, String error) {
    return jdbc.sql(
                """
                update inbound_fax set state = 'ABANDONED', attempts = attempts + 1,
                    last_error = :error, abandoned_at = :now
                where id = :id and claim_token = :claim
                  and state in ('DISCOVERED', 'DOWNLOADED', 'FAILED')
                """)
            .param("error", error)
            .param("now", Timestamp.from(clock.instant()))
            .param("id", id)
            .param("claim", claim)
            .update()
        == 1;
  }

  /**
   * Delivered faxes of a connection whose acknowledgement at the source is owed and due, oldest
   * delivery first.
   */
  public List<InboundFax> awaitingAcknowledgement(ConnectionId connection, int limit) {
    return jdbc.sql(
            """
            select * from inbound_fax
            where connection_id = :connection and state = 'DELIVERED' and acknowledgement is not null
              and (ack_next_attempt_at is null or ack_next_attempt_at <= :now)
            order by delivered_at limit :limit
            """)
        .param("connection", connection.value())
        .param("now", Timestamp.from(clock.instant()))
        .param("limit", limit)
        .query(this::map)
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

  /**
   * An acknowledgement at the source failed; the reason goes to {@code last_error}.
   *
   * @return the failed acknowledgement attempts of this fax so far
   */
  public int acknowledgementFailed(UUID id, String error) {
    return jdbc.sql(
            """
            update inbound_fax set ack_attempts = ack_attempts + 1, last_error = :error
            where id = :id and state = 'DELIVERED'
            returning ack_attempts
            """)
        .param("error", error)
        .param("id", id)
        .query(Integer.class)
        .optional()
        .orElse(0);
  }

  /**
   * When to try a failed acknowledgement again; null gives it up: the fax stays delivered and owes
   * nothing more at the source.
   */
  public void acknowledgeAgainAt(UUID id, Instant next) {
    jdbc.sql(
            """
            update inbound_fax set ack_next_attempt_at = :next,
                acknowledgement = case when cast(:next as timestamptz) is null then null
                                       else acknowledgement end
            where id = :id and state = 'DELIVERED'
            """)
        .param("next", next == null ? null : Timestamp.from(next))
        .param("id", id)
        .update();
  }

  /**
   * What a page of the ledger holds; every null field means "any".
   *
   * @param source the connection the faxes came from
   * @param receivedFrom received at or after this instant
   * @param receivedTo received before this instant
   */
  public record Filter(
      TenantId tenant,
      FaxState state,
      ConnectionId source,
      Instant receivedFrom,
      Instant receivedTo) {}

  /** Where a page starts: after the fax received at {@code receivedAt} with id {@code id}. */
  public record After(Instant receivedAt, UUID id) {}

  /** One page of ledger rows, newest first, after {@code after} (null: from the newest). */
  public List<InboundFax> page(Filter filter, After after, int limit) {
    return jdbc.sql(
            """
            select * from inbound_fax
            where (cast(:tenant as uuid) is null or tenant_id = :tenant)
              and (cast(:state as text) is null or state = :state)
              and (cast(:source as uuid) is null or connection_id = :source)
              and (cast(:from as timestamptz) is null or received_at >= cast(:from as timestamptz))
              and (cast(:to as timestamptz) is null or received_at < cast(:to as timestamptz))
              and (cast(:afterAt as timestamptz) is null
                   or (received_at, id) < (cast(:afterAt as timestamptz), cast(:afterId as uuid)))
            order by received_at desc, id desc
            limit :limit
            """)
        .param("tenant", filter.tenant() == null ? null : filter.tenant().value())
        .param("state", filter.state() == null ? null : filter.state().name())
        .param("source", filter.source() == null ? null : filter.source().value())
        .param("from", filter.receivedFrom() == null ? null : Timestamp.from(filter.receivedFrom()))
        .param("to", filter.receivedTo() == null ? null : Timestamp.from(filter.receivedTo()))
        .param("afterAt", after == null ? null : Timestamp.from(after.receivedAt()))
        .param("afterId", after == null ? null : after.id())
        .param("limit", limit)
        .query(this::map)
        .list();
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
        .query(this::map)
        .list();
  }

  /**
   * What a connection's ledger has not finished: faxes not yet delivered (due, downloading or
   * failing), dead letters, and delivered faxes whose acknowledgement at the source is still owed.
   */
  public record Unfinished(int undelivered, int abandoned, int acknowledgementsOwed) {
    public boolean none() {
      return undelivered == 0 && abandoned == 0 && acknowledgementsOwed == 0;
    }
  }

  public Unfinished unfinished(ConnectionId connection) {
    return jdbc.sql(
            """
            select count(*) filter (where state in ('DISCOVERED', 'DOWNLOADED', 'FAILED')),
                   count(*) filter (where state = 'ABANDONED'),
                   count(*) filter (where state = 'DELIVERED' and acknowledgement is not null)
            from inbound_fax where connection_id = :connection
            """)
        .param("connection", connection.value())
        .query((rs, row) -> new Unfinished(rs.getInt(1), rs.getInt(2), rs.getInt(3)))
        .single();
  }

  /**
   * One source's (connection's) recent activity.
   *
   * @param receivedPerDay faxes received per UTC day, every day from the first asked for to today
   *     (zero included), oldest first
   * @param lastReceivedAt when its newest fax was received, null before its first
   * @param openFailures faxes failing or given up (dead letters), and acknowledgements at the
   *     source that are failing
   */
  public record SourceActivity(
      ConnectionId connection,
      Map<LocalDate, Integer> receivedPerDay,
      Instant lastReceivedAt,
      int openFailures) {}

  /** Each of the tenant's connections' activity over the {@code days} UTC days up to today. */
  public Map<ConnectionId, SourceActivity> activity(TenantId tenant, int days) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    LocalDate first = today.minusDays(days - 1L);
    Map<ConnectionId, Map<LocalDate, Integer>> perDay = new LinkedHashMap<>();
    jdbc.sql(
            """
            select connection_id, (received_at at time zone 'UTC')::date as day, count(*)
            from inbound_fax where tenant_id = :tenant and received_at >= :first
            group by connection_id, day
            """)
        .param("tenant", tenant.value())
        .param("first", Timestamp.from(first.atStartOfDay(ZoneOffset.UTC).toInstant()))
        .query(
            rs -> {
              perDay
                  .computeIfAbsent(
                      new ConnectionId(rs.getObject(1, UUID.class)), c -> new LinkedHashMap<>())
                  .put(rs.getObject(2, LocalDate.class), rs.getInt(3));
            });
    Map<ConnectionId, SourceActivity> activity = new LinkedHashMap<>();
    jdbc.sql(
            """
            select c.id, max(f.received_at),
                   count(f.id) filter (where f.state in ('FAILED', 'ABANDONED')
                       or (f.state = 'DELIVERED' and f.acknowledgement is not null
                           and f.ack_next_attempt_at is not null))
            from provider_connection c left join inbound_fax f on f.connection_id = c.id
            where c.tenant_id = :tenant group by c.id, c.created_at order by c.created_at
            """)
        .param("tenant", tenant.value())
        .query(
            rs -> {
              ConnectionId id = new ConnectionId(rs.getObject(1, UUID.class));
              Map<LocalDate, Integer> counted = perDay.getOrDefault(id, Map.of());
              Map<LocalDate, Integer> days14 = new LinkedHashMap<>();
              for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
                days14.put(day, counted.getOrDefault(day, 0));
              }
              Timestamp last = rs.getTimestamp(2);
              activity.put(
                  id,
                  new SourceActivity(
                      id, days14, last == null ? null : last.toInstant(), rs.getInt(3)));
            });
    return activity;
  }

  public int countAbandoned(TenantId tenant) {
    return jdbc.sql(
            "select count(*) from inbound_fax where state = 'ABANDONED' and tenant_id = :tenant")
        .param("tenant", tenant.value())
        .query(Integer.class)
        .single();
  }

  /**
   * Gives an abandoned fax a fresh set of attempts, due now, and so each of its dead-lettered
   * destinations. The last error stays for the record until the next attempt replaces it.
   *
   * @return false when the fax is not abandoned (never was, or was retried already)
   */
  public boolean revive(UUID id) {
    boolean revived =
        jdbc.sql(
                    """
                    update inbound_fax set state = 'DISCOVERED', attempts = 0, next_attempt_at = :now,
                        abandoned_at = null, claim_token = null
                    where id = :id and state = 'ABANDONED'
                    """)
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .update()
            == 1;
    if (revived) {
      // Its dead-lettered destinations get a fresh set of attempts too; delivered ones stay.
      jdbc.sql(
              """
              update fax_delivery set state = 'PENDING', attempts = 0, next_attempt_at = :now
              where fax_id = :id and state = 'ABANDONED'
              """)
          .param("now", Timestamp.from(clock.instant()))
          .param("id", id)
          .update();
    }
    return revived;
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

  /**
   * Seals the phone numbers of rows written before they were sealed, and clears the clear ones.
   * Idempotent: a row is taken only while it still holds a clear number.
   *
   * @return how many rows were sealed
   */
  public int sealLegacyNumbers() {
    List<Map<String, Object>> rows =
        jdbc.sql(
                """
                select id, from_number, to_number from inbound_fax
                where from_number is not null or to_number is not null
                """)
            .query()
            .listOfRows();
    int sealed = 0;
    for (Map<String, Object> row : rows) {
      UUID id = (UUID) row.get("id");
      String from = (String) row.get("from_number");
      String to = (String) row.get("to_number");
      // Compare-and-set on the clear values, so two nodes starting at once seal each row once.
      sealed +=
          jdbc.sql(
                  """
                  update inbound_fax set from_number = null, to_number = null,
                      from_number_sealed = :sealedFrom, to_number_sealed = :sealedTo
                  where id = :id and from_number is not distinct from :from
                    and to_number is not distinct from :to
                  """)
              .param("sealedFrom", seal(from, id))
              .param("sealedTo", seal(to, id))
              .param("id", id)
              .param("from", from)
              .param("to", to)
              .update();
    }
    if (sealed > 0) {
      log.info(
          "Sealed the phone numbers of {} ledger rows written before they were sealed", sealed);
    }
    return sealed;
  }

  /**
   * Deletes ledger rows that reached a final state (delivered, acknowledged, abandoned) before
   * {@code cutoff}. Faxes still on their way are never purged.
   *
   * @return how many rows were deleted
   */
  public int purgeFinishedBefore(Instant cutoff) {
    return jdbc.sql(
            """
            delete from inbound_fax
            where state in ('DELIVERED', 'ACKNOWLEDGED', 'ABANDONED')
              and coalesce(acknowledged_at, delivered_at, abandoned_at) < :cutoff
            """)
        .param("cutoff", Timestamp.from(cutoff))
        .update();
  }

  /** Ids of faxes still on their way (not delivered nor abandoned). */
  public Set<UUID> pendingIds() {
    return Set.copyOf(
        jdbc.sql("select id from inbound_fax where state in ('DISCOVERED', 'DOWNLOADED', 'FAILED')")
            .query(UUID.class)
            .list());
  }

  private byte[] seal(String number, UUID owner) {
    return number == null ? null : secrets.seal(number, owner.toString());
  }

  private String open(byte[] sealed, UUID owner) {
    return sealed == null ? null : secrets.open(sealed, owner.toString());
  }

  private InboundFax map(ResultSet rs, int row) throws SQLException {
    UUID id = rs.getObject("id", UUID.class);
    ListedFax source =
        new ListedFax(
            Provider.valueOf(rs.getString("provider")),
            rs.getString("provider_account_id"),
            rs.getString("mailbox_id"),
            rs.getString("message_id"),
            rs.getString("attachment_id"),
            rs.getTimestamp("received_at").toInstant(),
            open(rs.getBytes("from_number_sealed"), id),
            open(rs.getBytes("to_number_sealed"), id),
            (Integer) rs.getObject("page_count"),
            rs.getString("content_type"),
            (Long) rs.getObject("declared_size"),
            rs.getString("attachment_uri") == null
                ? null
                : URI.create(rs.getString("attachment_uri")),
            rs.getString("listing_defect"),
            open(rs.getBytes("sender_name_sealed"), id));
    Timestamp delivered = rs.getTimestamp("delivered_at");
    return new InboundFax(
        id,
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
