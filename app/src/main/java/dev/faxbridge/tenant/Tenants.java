package dev.faxbridge.tenant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tenants, stored in PostgreSQL. */
@Repository
public class Tenants {

  private final JdbcClient jdbc;
  private final Clock clock;

  Tenants(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Creates a tenant.
   *
   * @throws TenantAlreadyExists when the slug is taken
   */
  public Tenant create(String slug, String name, Duration syncInterval) {
    return insert(new Tenant(TenantId.random(), slug, name, syncInterval, clock.instant()));
  }

  /**
   * Creates a tenant whose slug is made from its name ({@link Tenant#slugFrom}), with "-2", "-3",
   * ... appended when another tenant has it already.
   */
  public Tenant createWithSlugFromName(String name, Duration syncInterval) {
    String base = Tenant.slugFrom(name);
    for (int n = 1; ; n++) {
      String suffix = n == 1 ? "" : "-" + n;
      String slug = base.substring(0, Math.min(base.length(), 63 - suffix.length())) + suffix;
      if (findBySlug(slug).isPresent()) {
        continue;
      }
      try {
        return create(slug, name, syncInterval);
      } catch (TenantAlreadyExists raced) {
        // another operator took it in the meantime: try the next
      }
    }
  }

  private Tenant insert(Tenant tenant) {
    try {
      jdbc.sql(
              """
              insert into tenant (id, slug, name, sync_interval_seconds, created_at)
              values (:id, :slug, :name, :interval, :createdAt)
              """)
          .param("id", tenant.id().value())
          .param("slug", tenant.slug())
          .param("name", tenant.name())
          .param("interval", (int) tenant.syncInterval().toSeconds())
          .param("createdAt", Timestamp.from(tenant.createdAt()))
          .update();
    } catch (DuplicateKeyException e) {
      throw new TenantAlreadyExists(tenant.slug());
    }
    return tenant;
  }

  /**
   * The tenant named by its id or its slug, as an operator writes either.
   *
   * @throws TenantNotFound when there is none
   */
  public Tenant resolve(String idOrSlug) {
    Optional<Tenant> found;
    try {
      found = find(TenantId.parse(idOrSlug));
    } catch (IllegalArgumentException notAnId) {
      found = findBySlug(idOrSlug);
    }
    return found.orElseThrow(() -> new TenantNotFound(idOrSlug));
  }

  /** Changes the tenant's name and sync interval (its slug stays); answers the tenant as stored. */
  public Tenant update(TenantId id, String name, Duration syncInterval) {
    Tenant before = get(id);
    Tenant after =
        new Tenant(
            id,
            before.slug(),
            name == null ? before.name() : name,
            syncInterval == null ? before.syncInterval() : syncInterval,
            before.createdAt(),
            before.offboardedAt());
    jdbc.sql("update tenant set name = :name, sync_interval_seconds = :interval where id = :id")
        .param("name", after.name())
        .param("interval", (int) after.syncInterval().toSeconds())
        .param("id", id.value())
        .update();
    return after;
  }

  /** Marks the tenant offboarded now; false when it was already. */
  public boolean markOffboarded(TenantId id) {
    return jdbc.sql(
                "update tenant set offboarded_at = :now where id = :id and offboarded_at is null")
            .param("now", Timestamp.from(clock.instant()))
            .param("id", id.value())
            .update()
        == 1;
  }

  /**
   * One page of tenants by slug, after {@code afterSlug} (null: from the first).
   *
   * @param search part of the slug or the name, any case; null for every tenant
   * @param offboarded true for offboarded tenants only, false for served ones, null for both
   * @param needsAction only tenants with a connection that needs re-authorization
   * @param createdFrom created at or after this instant, or null
   * @param createdTo created before this instant, or null
   */
  public List<Tenant> page(
      String search,
      Boolean offboarded,
      boolean needsAction,
      Instant createdFrom,
      Instant createdTo,
      String afterSlug,
      int limit) {
    return jdbc.sql(
            """
            select * from tenant
            where (cast(:search as text) is null
                   or position(lower(:search) in lower(slug || ' ' || name)) > 0)
              and (cast(:offboarded as boolean) is null
                   or (offboarded_at is not null) = cast(:offboarded as boolean))
              and (not :needsAction or exists (
                   select 1 from provider_connection c
                   where c.tenant_id = tenant.id and c.status = 'NEEDS_REAUTHORIZATION'))
              and (cast(:from as timestamptz) is null or created_at >= cast(:from as timestamptz))
              and (cast(:to as timestamptz) is null or created_at < cast(:to as timestamptz))
              and (cast(:after as text) is null or slug > :after)
            order by slug
            limit :limit
            """)
        .param("search", search)
        .param("offboarded", offboarded)
        .param("needsAction", needsAction)
        .param("from", createdFrom == null ? null : Timestamp.from(createdFrom))
        .param("to", createdTo == null ? null : Timestamp.from(createdTo))
        .param("after", afterSlug)
        .param("limit", limit)
        .query(Tenants::map)
        .list();
  }

  public Optional<Tenant> find(TenantId id) {
    return jdbc.sql("select * from tenant where id = :id")
        .param("id", id.value())
        .query(Tenants::map)
        .optional();
  }

  public Optional<Tenant> findBySlug(String slug) {
    return jdbc.sql("select * from tenant where slug = :slug")
        .param("slug", slug)
        .query(Tenants::map)
        .optional();
  }

  public Tenant get(TenantId id) {
    return find(id).orElseThrow(() -> new TenantNotFound(id.toString()));
  }

  public List<Tenant> all() {
    return jdbc.sql("select * from tenant order by slug").query(Tenants::map).list();
  }

  private static Tenant map(ResultSet rs, int row) throws SQLException {
    return new Tenant(
        new TenantId(rs.getObject("id", UUID.class)),
        rs.getString("slug"),
        rs.getString("name"),
        Duration.ofSeconds(rs.getInt("sync_interval_seconds")),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("offboarded_at") == null
            ? null
            : rs.getTimestamp("offboarded_at").toInstant());
  }

  public static final class TenantAlreadyExists extends RuntimeException {
    TenantAlreadyExists(String slug) {
      super("A tenant with slug '" + slug + "' already exists");
    }
  }

  public static final class TenantNotFound extends RuntimeException {
    TenantNotFound(String id) {
      super("No tenant '" + id + "' (neither an id nor a slug of one)");
    }
  }

  /** An operator asked for something an offboarded tenant no longer takes. */
  public static final class TenantOffboarded extends RuntimeException {
    public TenantOffboarded(Tenant tenant) {
      super(
          "Tenant '"
              + tenant.slug()
              + "' was offboarded at "
              + tenant.offboardedAt()
              + " and takes no new connections, links or settings");
    }
  }
}
