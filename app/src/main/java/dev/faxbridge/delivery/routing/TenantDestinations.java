package dev.faxbridge.delivery.routing;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.platform.SecretBox;
import dev.faxbridge.tenant.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tenant's destinations in the database. The secret of each is sealed with the row's id as
 * associated data ({@code destination.secret_sealed}); a removed destination keeps its row, without
 * its secret, because deliveries refer to it. Creating, changing and removing one is audited here,
 * by whoever does it, never with the secret.
 */
@Repository
public class TenantDestinations {

  /** Another live destination of the tenant has this name. */
  public static final class NameTaken extends RuntimeException {
    public NameTaken(String name) {
      super("The tenant has a destination named '" + name + "' already");
    }
  }

  /** No such destination for this tenant (or none at all). */
  public static final class UnknownDestination extends RuntimeException {
    public UnknownDestination(String id) {
      super("No destination '" + id + "' for this tenant");
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final SecretBox secrets;
  private final AuditTrail audit;
  private final Clock clock;

  TenantDestinations(JdbcClient jdbc, SecretBox secrets, AuditTrail audit, Clock clock) {
    this.jdbc = jdbc;
    this.secrets = secrets;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Creates a destination after checking its settings ({@link DestinationSettings#check}).
   *
   * @throws IllegalArgumentException for a wrong name or setting
   * @param actor who creates it, for the audit trail
   * @throws NameTaken when a live destination of the tenant has the name
   */
  public TenantDestination create(
      TenantId tenant,
      String name,
      DestinationKind kind,
      String location,
      Map<String, Object> settings,
      String secret,
      String actor) {
    checkName(name);
    checkLocation(location);
    Map<String, Object> values = settings == null ? Map.of() : settings;
    DestinationSettings.check(kind, values, secret);
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    try {
      jdbc.sql(
              """
              insert into destination (id, tenant_id, name, kind, location, settings, secret_sealed,
                  enabled, created_at, updated_at)
              values (:id, :tenant, :name, :kind, :location, cast(:settings as jsonb), :secret, true,
                  :now, :now)
              """)
          .param("id", id)
          .param("tenant", tenant.value())
          .param("name", name)
          .param("kind", kind.label())
          .param("location", location)
          .param("settings", JSON.writeValueAsString(values))
          .param("secret", secret == null ? null : secrets.seal(secret, id.toString()))
          .param("now", Timestamp.from(now))
          .update();
    } catch (DuplicateKeyException e) {
      throw new NameTaken(name);
    }
    TenantDestination created = find(tenant, id.toString()).orElseThrow();
    record(
        AuditKind.DESTINATION_CREATED,
        actor,
        created,
        Map.of("name", created.name(), "kind", created.kind().label()));
    return created;
  }

  /**
   * Changes a destination: each argument that is not null replaces the stored value (settings as a
   * whole); the result is checked as on creation.
   *
   * @param clearSecret removes the secret (when the new settings need none)
   * @param actor who changes it, for the audit trail (which names what changed)
   */
  public TenantDestination update(
      TenantDestination before,
      String name,
      String location,
      Map<String, Object> settings,
      String secret,
      boolean clearSecret,
      Boolean enabled,
      String actor) {
    String newName = name == null ? before.name() : name;
    String newLocation = location == null ? before.location() : location;
    Map<String, Object> newSettings = settings == null ? before.settings() : settings;
    String newSecret = clearSecret ? null : secret == null ? before.secret() : secret;
    checkName(newName);
    checkLocation(newLocation);
    DestinationSettings.check(before.kind(), newSettings, newSecret);
    try {
      jdbc.sql(
              """
              update destination set name = :name, location = :location,
                  settings = cast(:settings as jsonb), secret_sealed = :secret, enabled = :enabled,
                  updated_at = :now
              where id = :id and removed_at is null
              """)
          .param("name", newName)
          .param("location", newLocation)
          .param("settings", JSON.writeValueAsString(newSettings))
          .param(
              "secret", newSecret == null ? null : secrets.seal(newSecret, before.id().toString()))
          .param("enabled", enabled == null ? before.enabled() : enabled)
          .param("now", Timestamp.from(clock.instant()))
          .param("id", before.id())
          .update();
    } catch (DuplicateKeyException e) {
      throw new NameTaken(newName);
    }
    TenantDestination after = find(before.tenantId(), before.id().toString()).orElseThrow();
    TreeSet<String> changed = new TreeSet<>();
    if (!after.name().equals(before.name())) {
      changed.add("name");
    }
    if (location != null) {
      changed.add("location");
    }
    if (settings != null) {
      changed.add("settings");
    }
    if (secret != null || clearSecret) {
      changed.add("secret");
    }
    if (after.enabled() != before.enabled()) {
      changed.add(after.enabled() ? "enabled" : "disabled");
    }
    record(
        AuditKind.DESTINATION_UPDATED, actor, after, Map.of("changed", String.join(",", changed)));
    return after;
  }

  /**
   * Removes a destination: disabled, its secret wiped, the routing rules naming it deleted, its row
   * kept for the deliveries that name it.
   *
   * @return false when it was removed already
   */
  public boolean remove(TenantDestination destination, String actor) {
    boolean removed =
        jdbc.sql(
                    """
                    update destination set enabled = false, secret_sealed = null, removed_at = :now,
                        updated_at = :now
                    where id = :id and removed_at is null
                    """)
                .param("now", Timestamp.from(clock.instant()))
                .param("id", destination.id())
                .update()
            == 1;
    if (removed) {
      int rules =
          jdbc.sql("delete from routing_rule where destination_id = :id")
              .param("id", destination.id())
              .update();
      record(AuditKind.DESTINATION_REMOVED, actor, destination, Map.of("rulesDeleted", rules));
    }
    return removed;
  }

  private void record(
      AuditKind kind, String actor, TenantDestination destination, Map<String, Object> more) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("destinationId", destination.id().toString());
    detail.putAll(more);
    audit.record(kind, actor, destination.tenantId().value(), null, null, detail);
  }

  /**
   * Wipes the secrets of every destination of an offboarded tenant and switches them off.
   *
   * @return how many destinations held a secret
   */
  public int wipeSecrets(TenantId tenant) {
    int held =
        jdbc.sql(
                "select count(*) from destination where tenant_id = :tenant"
                    + " and secret_sealed is not null")
            .param("tenant", tenant.value())
            .query(Integer.class)
            .single();
    jdbc.sql(
            """
            update destination set secret_sealed = null, enabled = false, updated_at = :now
            where tenant_id = :tenant
            """)
        .param("now", Timestamp.from(clock.instant()))
        .param("tenant", tenant.value())
        .update();
    return held;
  }

  /** The tenant's destinations that were not removed, by name. */
  public List<TenantDestination> forTenant(TenantId tenant) {
    return jdbc.sql(
            "select * from destination where tenant_id = :tenant and removed_at is null"
                + " order by name")
        .param("tenant", tenant.value())
        .query(this::map)
        .list();
  }

  /** Whether the tenant has destinations of its own (else the global folder takes its faxes). */
  public boolean hasAny(TenantId tenant) {
    return jdbc.sql(
            "select exists (select 1 from destination where tenant_id = :tenant"
                + " and removed_at is null)")
        .param("tenant", tenant.value())
        .query(Boolean.class)
        .single();
  }

  /** A destination of this tenant by its id, removed or not; empty for an id that is no UUID. */
  public Optional<TenantDestination> find(TenantId tenant, String id) {
    UUID parsed;
    try {
      parsed = UUID.fromString(id);
    } catch (IllegalArgumentException notAnId) {
      return Optional.empty();
    }
    return jdbc.sql("select * from destination where id = :id and tenant_id = :tenant")
        .param("id", parsed)
        .param("tenant", tenant.value())
        .query(this::map)
        .optional();
  }

  /** A destination by its id, removed or not. */
  public Optional<TenantDestination> find(UUID id) {
    return jdbc.sql("select * from destination where id = :id")
        .param("id", id)
        .query(this::map)
        .optional();
  }

  private static void checkName(String name) {
    if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
      throw new IllegalArgumentException(
          "A destination's name is 1 to 63 lower-case letters, digits and hyphens, was '"
              + name
              + "'");
    }
  }

  private static void checkLocation(String location) {
    if (location != null && (location.isBlank() || location.length() > 200)) {
      throw new IllegalArgumentException("A location label is 1 to 200 characters");
    }
  }

  private TenantDestination map(ResultSet rs, int row) throws SQLException {
    UUID id = rs.getObject("id", UUID.class);
    byte[] sealed = rs.getBytes("secret_sealed");
    Timestamp removed = rs.getTimestamp("removed_at");
    return new TenantDestination(
        id,
        new TenantId(rs.getObject("tenant_id", UUID.class)),
        rs.getString("name"),
        DestinationKind.of(rs.getString("kind")),
        rs.getString("location"),
        JSON.readValue(rs.getString("settings"), MAP),
        sealed == null ? null : secrets.open(sealed, id.toString()),
        rs.getBoolean("enabled"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant(),
        removed == null ? null : removed.toInstant());
  }
}
