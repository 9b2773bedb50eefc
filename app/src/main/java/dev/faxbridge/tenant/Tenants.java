package dev.faxbridge.tenant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
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
    Tenant tenant = new Tenant(TenantId.random(), slug, name, syncInterval, clock.instant());
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
      throw new TenantAlreadyExists(slug);
    }
    return tenant;
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
        rs.getTimestamp("created_at").toInstant());
  }

  public static final class TenantAlreadyExists extends RuntimeException {
    TenantAlreadyExists(String slug) {
      super("A tenant with slug '" + slug + "' already exists");
    }
  }

  public static final class TenantNotFound extends RuntimeException {
    TenantNotFound(String id) {
      super("No tenant " + id);
    }
  }
}
