package dev.faxbridge.sync;

import dev.faxbridge.fax.FaxLedger;
import dev.faxbridge.tenant.Tenant;
import dev.faxbridge.tenant.TenantId;
import dev.faxbridge.tenant.Tenants;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Warns before faxes age out of the provider's retention window (RingCentral keeps the inbox of a
 * HIPAA account for 30 days). A fax is at risk from when it arrived until it is delivered; faxes we
 * have not even listed yet are at risk since the oldest mailbox cursor of the tenant (a connection
 * that lost its authorization stops its cursors, and the clock keeps running).
 */
@Component
public class RetentionWatch {

  private static final Logger log = LoggerFactory.getLogger(RetentionWatch.class);
  private static final Duration LOG_EVERY = Duration.ofHours(1);

  /**
   * One tenant's exposure.
   *
   * @param atRiskSince the arrival of the oldest undelivered fax, or the oldest mailbox cursor if
   *     older; null when nothing is at risk
   * @param lostAfter when the provider may delete the faxes at risk
   * @param warning whether {@code lostAfter} is within the warning margin (or passed)
   */
  public record Status(
      TenantId tenantId,
      String tenantSlug,
      Instant oldestUndelivered,
      Instant oldestCursor,
      Instant atRiskSince,
      Instant lostAfter,
      boolean warning) {}

  private final Tenants tenants;
  private final FaxLedger ledger;
  private final JdbcClient jdbc;
  private final SyncSettings settings;
  private final SyncMetrics metrics;
  private final Clock clock;
  private final Map<TenantId, Instant> lastLogged = new ConcurrentHashMap<>();

  RetentionWatch(
      Tenants tenants,
      FaxLedger ledger,
      JdbcClient jdbc,
      SyncSettings settings,
      SyncMetrics metrics,
      Clock clock) {
    this.tenants = tenants;
    this.ledger = ledger;
    this.jdbc = jdbc;
    this.settings = settings;
    this.metrics = metrics;
    this.clock = clock;
  }

  public List<Status> all() {
    return tenants.all().stream().map(this::check).toList();
  }

  /** Computes the tenant's status, updates its gauge, and logs a warning at most hourly. */
  public Status check(Tenant tenant) {
    Instant now = clock.instant();
    Optional<Instant> undelivered = ledger.oldestUndelivered(tenant.id());
    Optional<Instant> cursor = oldestCursor(tenant.id());
    Optional<Instant> since =
        Stream.of(undelivered, cursor).flatMap(Optional::stream).min(Instant::compareTo);
    Instant lostAfter = since.map(s -> s.plus(settings.retentionWindow())).orElse(null);
    boolean warning =
        lostAfter != null && !now.isBefore(lostAfter.minus(settings.retentionWarning()));
    metrics.oldestAtRiskAge(
        tenant.slug(), since.map(s -> Duration.between(s, now)).orElse(Duration.ZERO));
    if (warning) {
      Instant logged = lastLogged.get(tenant.id());
      if (logged == null || !now.isBefore(logged.plus(LOG_EVERY))) {
        lastLogged.put(tenant.id(), now);
        log.warn(
            "Tenant {}: faxes waiting since {} may be deleted by the provider after {}; deliver or"
                + " re-authorize before then",
            tenant.slug(),
            since.get(),
            lostAfter);
      }
    }
    return new Status(
        tenant.id(),
        tenant.slug(),
        undelivered.orElse(null),
        cursor.orElse(null),
        since.orElse(null),
        lostAfter,
        warning);
  }

  private Optional<Instant> oldestCursor(TenantId tenant) {
    return jdbc.sql(
            """
            select min(m.synced_through) from mailbox m
            join provider_connection c on c.id = m.connection_id
            where c.tenant_id = :tenant and c.status <> 'DISABLED' and m.status = 'ACTIVE'
            """)
        .param("tenant", tenant.value())
        .query((rs, row) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
        .single();
  }
}
