package dev.faxbridge.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends to and reads the audit trail. The table refuses updates and deletes, except the deletes
 * of {@link #purgeBefore}, the retention purge.
 */
@Repository
public class AuditTrail {

  private static final TypeReference<Map<String, Object>> DETAIL = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final NamedParameterJdbcOperations batches;
  private final Clock clock;
  private final JsonMapper json = JsonMapper.builder().build();

  AuditTrail(JdbcClient jdbc, NamedParameterJdbcOperations batches, Clock clock) {
    this.jdbc = jdbc;
    this.batches = batches;
    this.clock = clock;
  }

  /** Records an event; {@code detail} holds ids and outcomes only, never PHI or secrets. */
  public void record(
      AuditKind kind,
      String actor,
      UUID tenantId,
      UUID connectionId,
      UUID faxId,
      Map<String, ?> detail) {
    recordAll(List.of(new Entry(kind, actor, tenantId, connectionId, faxId, detail)));
  }

  /** One event to record; {@code detail} holds ids and outcomes only, never PHI or secrets. */
  public record Entry(
      AuditKind kind,
      String actor,
      UUID tenantId,
      UUID connectionId,
      UUID faxId,
      Map<String, ?> detail) {}

  /** Records events in one batch, in their order (a listed page's discoveries, for example). */
  public void recordAll(List<Entry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    Timestamp at = Timestamp.from(clock.instant());
    batches.batchUpdate(
        """
        insert into audit_event (occurred_at, kind, actor, tenant_id, connection_id, fax_id, detail)
        values (:at, :kind, :actor, :tenant, :connection, :fax, cast(:detail as jsonb))
        """,
        entries.stream()
            .map(
                entry ->
                    new MapSqlParameterSource()
                        .addValue("at", at)
                        .addValue("kind", entry.kind().name())
                        .addValue("actor", entry.actor())
                        .addValue("tenant", entry.tenantId())
                        .addValue("connection", entry.connectionId())
                        .addValue("fax", entry.faxId())
                        .addValue("detail", json.writeValueAsString(entry.detail())))
            .toArray(SqlParameterSource[]::new));
  }

  /**
   * Deletes the events that occurred before {@code cutoff}, through the database function that is
   * the only way past the append-only trigger.
   *
   * @return how many events were deleted
   */
  public long purgeBefore(Instant cutoff) {
    return jdbc.sql("select purge_audit_events(:cutoff)")
        .param("cutoff", Timestamp.from(cutoff))
        .query(Long.class)
        .single();
  }

  /** What a page of the audit trail holds; every null field means "any". */
  public record Filter(
      UUID tenantId,
      UUID connectionId,
      UUID faxId,
      AuditKind kind,
      String actor,
      Instant from,
      Instant to) {}

  /** One page of events, newest first, with ids below {@code beforeId} (null: from the newest). */
  public List<AuditEvent> page(Filter filter, Long beforeId, int limit) {
    return jdbc.sql(
            """
            select * from audit_event
            where (cast(:tenant as uuid) is null or tenant_id = :tenant)
              and (cast(:connection as uuid) is null or connection_id = :connection)
              and (cast(:fax as uuid) is null or fax_id = :fax)
              and (cast(:kind as text) is null or kind = :kind)
              and (cast(:actor as text) is null or actor = :actor)
              and (cast(:from as timestamptz) is null or occurred_at >= cast(:from as timestamptz))
              and (cast(:to as timestamptz) is null or occurred_at < cast(:to as timestamptz))
              and (cast(:before as bigint) is null or id < :before)
            order by id desc
            limit :limit
            """)
        .param("tenant", filter.tenantId())
        .param("connection", filter.connectionId())
        .param("fax", filter.faxId())
        .param("kind", filter.kind() == null ? null : filter.kind().name())
        .param("actor", filter.actor())
        .param("from", filter.from() == null ? null : Timestamp.from(filter.from()))
        .param("to", filter.to() == null ? null : Timestamp.from(filter.to()))
        .param("before", beforeId)
        .param("limit", limit)
        .query(this::map)
        .list();
  }

  /** The newest event of a kind about a connection, if any. */
  public Optional<AuditEvent> latest(AuditKind kind, UUID connectionId) {
    return jdbc.sql(
            """
            select * from audit_event where kind = :kind and connection_id = :connection
            order by id desc limit 1
            """)
        .param("kind", kind.name())
        .param("connection", connectionId)
        .query(this::map)
        .optional();
  }

  public List<AuditEvent> forTenant(UUID tenantId) {
    return jdbc.sql("select * from audit_event where tenant_id = :tenant order by id")
        .param("tenant", tenantId)
        .query(this::map)
        .list();
  }

  private AuditEvent map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new AuditEvent(
        rs.getLong("id"),
        rs.getTimestamp("occurred_at").toInstant(),
        AuditKind.valueOf(rs.getString("kind")),
        rs.getString("actor"),
        rs.getObject("tenant_id", UUID.class),
        rs.getObject("connection_id", UUID.class),
        rs.getObject("fax_id", UUID.class),
        json.readValue(rs.getString("detail"), DETAIL));
  }
}
