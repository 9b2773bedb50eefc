package dev.faxbridge.console;

import dev.faxbridge.audit.AuditKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the console's pages show, read in a few queries each: clinic summaries with their
 * connections' health, sync times from the scheduler's table, the ledger's counts, mailboxes and
 * cursors, recent faxes (metadata only: no phone numbers, no content), the audit trail filtered,
 * and the series of the charts. Days are UTC days.
 */
@Repository
class ConsoleReads {

  /** How many recent faxes the clinic page lists. */
  static final int RECENT_FAXES = 50;

  /** How many audit events one audit page shows. */
  static final int AUDIT_PAGE = 200;

  private final JdbcClient jdbc;
  private final Clock clock;

  ConsoleReads(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A connection and how it is doing. */
  public record ConnectionHealth(
      UUID id,
      UUID tenantId,
      String provider,
      String authMethod,
      String status,
      String accountId,
      Instant createdAt,
      Instant statusSince,
      String reason,
      Instant lastSync,
      boolean lastSyncFailed,
      Instant nextSync,
      Instant backfillFrom) {

    public boolean needsReauthorization() {
      return status.equals("NEEDS_REAUTHORIZATION");
    }

    public String reasonInWords() {
      return ReauthorizationReason.inWords(reason);
    }
  }

  /** A clinic on the clinics page. */
  public record ClinicSummary(
      UUID id,
      String slug,
      String name,
      List<ConnectionHealth> connections,
      long faxesToday,
      long failing,
      long deadLetters) {

    public boolean needsReauthorization() {
      return connections.stream().anyMatch(ConnectionHealth::needsReauthorization);
    }

    /**
     * 0 a lost authorization (no fax arrives until the clinic acts), 1 dead letters (an operator
     * must look), 2 failures still being retried or no connection, 3 fine; the clinics page lists
     * the lowest first.
     */
    public int urgency() {
      if (needsReauthorization()) {
        return 0;
      }
      if (deadLetters > 0) {
        return 1;
      }
      if (failing > 0
          || connections.isEmpty()
          || connections.stream().anyMatch(c -> c.status().equals("DISABLED"))) {
        return 2;
      }
      return 3;
    }

    public String health() {
      if (needsReauthorization()) {
        return "Needs re-authorization";
      }
      if (deadLetters > 0) {
        return "Dead letters";
      }
      if (connections.isEmpty()) {
        return "Not connected";
      }
      if (failing > 0) {
        return "Retrying failures";
      }
      return "Healthy";
    }
  }

  List<ConnectionHealth> connections(UUID tenant) {
    return jdbc.sql(
            """
            select c.id, c.tenant_id, c.provider, c.auth_method, c.status,
                   c.external_account_id, c.created_at, c.updated_at,
                   lost.occurred_at as lost_at, lost.detail ->> 'reason' as reason,
                   s.execution_time, s.last_success, s.last_failure, b.from_at
            from provider_connection c
            left join scheduled_tasks s
                   on s.task_name = 'sync-connection' and s.task_instance = c.id::text
            left join backfill_request b on b.connection_id = c.id
            left join lateral (
                select a.occurred_at, a.detail from audit_event a
                where a.tenant_id = c.tenant_id and a.connection_id = c.id
                  and a.kind = 'CONNECTION_NEEDS_REAUTHORIZATION'
                order by a.id desc limit 1) lost on true
            where (cast(:tenant as uuid) is null or c.tenant_id = :tenant)
            order by c.created_at
            """)
        .param("tenant", tenant)
        .query(ConsoleReads::connection)
        .list();
  }

  private static ConnectionHealth connection(ResultSet rs, int row) throws SQLException {
    String status = rs.getString("status");
    Instant lostAt = instant(rs, "lost_at");
    boolean needs = status.equals("NEEDS_REAUTHORIZATION");
    Instant lastSuccess = instant(rs, "last_success");
    Instant lastFailure = instant(rs, "last_failure");
    boolean failedLast =
        lastFailure != null && (lastSuccess == null || lastFailure.isAfter(lastSuccess));
    return new ConnectionHealth(
        rs.getObject("id", UUID.class),
        rs.getObject("tenant_id", UUID.class),
        rs.getString("provider"),
        rs.getString("auth_method"),
        status,
        rs.getString("external_account_id"),
        instant(rs, "created_at"),
        needs && lostAt != null ? lostAt : instant(rs, "updated_at"),
        needs ? rs.getString("reason") : null,
        failedLast ? lastFailure : lastSuccess,
        failedLast,
        instant(rs, "execution_time"),
        instant(rs, "from_at"));
  }

  /**
   * Every clinic, those needing action first, then by name; {@code search} filters name or slug.
   */
  List<ClinicSummary> clinics(String search) {
    Instant dayStart =
        LocalDate.now(clock.withZone(ZoneOffset.UTC)).atStartOfDay(ZoneOffset.UTC).toInstant();
    Map<UUID, List<ConnectionHealth>> byTenant = new LinkedHashMap<>();
    for (ConnectionHealth connection : connections(null)) {
      byTenant.computeIfAbsent(connection.tenantId(), t -> new ArrayList<>()).add(connection);
    }
    String pattern =
        search == null || search.isBlank() ? null : "%" + likeEscaped(search.trim()) + "%";
    List<ClinicSummary> clinics =
        jdbc.sql(
                """
                select t.id, t.slug, t.name,
                       coalesce(today.n, 0) as today,
                       coalesce(failing.n, 0) as failing,
                       coalesce(dead.n, 0) as dead
                from tenant t
                left join (select tenant_id, count(*) as n from inbound_fax
                           where received_at >= :dayStart group by tenant_id) today
                       on today.tenant_id = t.id
                left join (select tenant_id, count(*) as n from inbound_fax
                           where state = 'FAILED' group by tenant_id) failing
                       on failing.tenant_id = t.id
                left join (select tenant_id, count(*) as n from inbound_fax
                           where state = 'ABANDONED' group by tenant_id) dead
                       on dead.tenant_id = t.id
                where cast(:pattern as text) is null
                   or t.name ilike :pattern escape '\\' or t.slug ilike :pattern escape '\\'
                """)
            .param("dayStart", Timestamp.from(dayStart))
            .param("pattern", pattern)
            .query(
                (rs, row) -> {
                  UUID id = rs.getObject("id", UUID.class);
                  return new ClinicSummary(
                      id,
                      rs.getString("slug"),
                      rs.getString("name"),
                      byTenant.getOrDefault(id, List.of()),
                      rs.getLong("today"),
                      rs.getLong("failing"),
                      rs.getLong("dead"));
                })
            .list();
    return clinics.stream()
        .sorted(
            Comparator.comparingInt(ClinicSummary::urgency)
                .thenComparing(ClinicSummary::name, String.CASE_INSENSITIVE_ORDER))
        .toList();
  }

  /** A fax mailbox of a connection and how far it is read. */
  public record MailboxCursor(
      String extensionId,
      String extensionType,
      String extensionNumber,
      String status,
      Instant syncedThrough) {}

  Map<UUID, List<MailboxCursor>> mailboxes(UUID tenant) {
    Map<UUID, List<MailboxCursor>> byConnection = new LinkedHashMap<>();
    jdbc.sql(
            """
            select m.* from mailbox m join provider_connection c on c.id = m.connection_id
            where c.tenant_id = :tenant order by m.extension_number nulls last, m.extension_id
            """)
        .param("tenant", tenant)
        .query(
            (rs, row) -> {
              byConnection
                  .computeIfAbsent(
                      rs.getObject("connection_id", UUID.class), c -> new ArrayList<>())
                  .add(
                      new MailboxCursor(
                          rs.getString("extension_id"),
                          rs.getString("extension_type"),
                          rs.getString("extension_number"),
                          rs.getString("status"),
                          instant(rs, "synced_through")));
              return null;
            })
        .list();
    return byConnection;
  }

  /** A fax as the clinic page lists it: where it is, never who sent it or what it says. */
  public record FaxRow(
      UUID id,
      UUID connectionId,
      String mailboxId,
      String state,
      Instant receivedAt,
      Integer pageCount,
      Long size,
      int attempts,
      String lastError,
      Instant deliveredAt) {}

  List<FaxRow> recentFaxes(UUID tenant) {
    return jdbc.sql(
            """
            select id, connection_id, mailbox_id, state, received_at, page_count, size, attempts,
                   last_error, delivered_at
            from inbound_fax where tenant_id = :tenant
            order by received_at desc limit :limit
            """)
        .param("tenant", tenant)
        .param("limit", RECENT_FAXES)
        .query(
            (rs, row) ->
                new FaxRow(
                    rs.getObject("id", UUID.class),
                    rs.getObject("connection_id", UUID.class),
                    rs.getString("mailbox_id"),
                    rs.getString("state"),
                    instant(rs, "received_at"),
                    (Integer) rs.getObject("page_count"),
                    (Long) rs.getObject("size"),
                    rs.getInt("attempts"),
                    rs.getString("last_error"),
                    instant(rs, "delivered_at")))
        .list();
  }

  /** An audit event with its clinic's slug. */
  public record AuditRow(
      long id,
      Instant occurredAt,
      String kind,
      String actor,
      String tenantSlug,
      UUID connectionId,
      UUID faxId,
      String detail) {}

  /** What the audit page filters by; any part may be null. */
  public record AuditFilter(
      String tenantSlug, AuditKind kind, String actor, LocalDate from, LocalDate to) {}

  /** The newest {@link #AUDIT_PAGE} events matching {@code filter}, before {@code beforeId}. */
  List<AuditRow> audit(AuditFilter filter, Long beforeId) {
    return jdbc.sql(
            """
            select a.id, a.occurred_at, a.kind, a.actor, t.slug, a.connection_id, a.fax_id,
                   a.detail::text as detail
            from audit_event a left join tenant t on t.id = a.tenant_id
            where (cast(:slug as text) is null or t.slug = :slug)
              and (cast(:kind as text) is null or a.kind = :kind)
              and (cast(:actor as text) is null or a.actor = :actor)
              and (cast(:from as timestamptz) is null or a.occurred_at >= :from)
              and (cast(:to as timestamptz) is null or a.occurred_at < :to)
              and (cast(:before as bigint) is null or a.id < :before)
            order by a.id desc limit :limit
            """)
        .param("slug", filter.tenantSlug())
        .param("kind", filter.kind() == null ? null : filter.kind().name())
        .param("actor", filter.actor())
        .param("from", filter.from() == null ? null : Timestamp.from(startOf(filter.from())))
        .param("to", filter.to() == null ? null : Timestamp.from(startOf(filter.to().plusDays(1))))
        .param("before", beforeId)
        .param("limit", AUDIT_PAGE)
        .query(
            (rs, row) ->
                new AuditRow(
                    rs.getLong("id"),
                    instant(rs, "occurred_at"),
                    rs.getString("kind"),
                    rs.getString("actor"),
                    rs.getString("slug"),
                    rs.getObject("connection_id", UUID.class),
                    rs.getObject("fax_id", UUID.class),
                    rs.getString("detail")))
        .list();
  }

  /** Everyone who appears in the audit trail, for the audit page's filter. */
  List<String> auditActors() {
    return jdbc.sql("select distinct actor from audit_event order by actor")
        .query(String.class)
        .list();
  }

  /** The last {@code days} UTC days, oldest first, today included. */
  List<LocalDate> lastDays(int days) {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    List<LocalDate> list = new ArrayList<>();
    for (int i = days - 1; i >= 0; i--) {
      list.add(today.minusDays(i));
    }
    return list;
  }

  /** Faxes received per UTC day per clinic (slug), from {@code from} on. */
  Map<String, Map<LocalDate, Long>> faxesPerDay(LocalDate from) {
    Map<String, Map<LocalDate, Long>> perClinic = new LinkedHashMap<>();
    jdbc.sql("select slug from tenant order by name")
        .query(String.class)
        .list()
        .forEach(slug -> perClinic.put(slug, new LinkedHashMap<>()));
    jdbc.sql(
            """
            select t.slug, (f.received_at at time zone 'UTC')::date as day, count(*) as faxes
            from inbound_fax f join tenant t on t.id = f.tenant_id
            where f.received_at >= :from
            group by t.slug, day
            """)
        .param("from", Timestamp.from(startOf(from)))
        .query(
            (rs, row) -> {
              perClinic
                  .computeIfAbsent(rs.getString("slug"), s -> new LinkedHashMap<>())
                  .put(rs.getObject("day", LocalDate.class), rs.getLong("faxes"));
              return null;
            })
        .list();
    return perClinic;
  }

  /**
   * How long delivered faxes took from arriving at the provider to delivery, per UTC day of
   * delivery: the median and the slowest, in seconds.
   */
  public record Latency(Duration median, Duration slowest, long delivered) {}

  Map<LocalDate, Latency> latencyPerDay(LocalDate from) {
    Map<LocalDate, Latency> perDay = new LinkedHashMap<>();
    jdbc.sql(
            """
            select (delivered_at at time zone 'UTC')::date as day,
                   percentile_cont(0.5) within group (
                       order by extract(epoch from delivered_at - received_at)) as median,
                   max(extract(epoch from delivered_at - received_at)) as slowest,
                   count(*) as delivered
            from inbound_fax
            where delivered_at is not null and delivered_at >= :from
            group by day order by day
            """)
        .param("from", Timestamp.from(startOf(from)))
        .query(
            (rs, row) -> {
              perDay.put(
                  rs.getObject("day", LocalDate.class),
                  new Latency(
                      seconds(rs.getDouble("median")),
                      seconds(rs.getDouble("slowest")),
                      rs.getLong("delivered")));
              return null;
            })
        .list();
    return perDay;
  }

  private static Duration seconds(double seconds) {
    return Duration.ofMillis(Math.max(0, Math.round(seconds * 1000)));
  }

  private static Instant startOf(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private static String likeEscaped(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp timestamp = rs.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }
}
