package dev.faxbridge.sync;

import dev.faxbridge.sync.SyncReport.Outcome;
import dev.faxbridge.tenant.Tenant;
import dev.faxbridge.tenant.Tenants;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The sync engine's meters, tagged by tenant slug (never by phone number or anything else about a
 * fax). Rate-limit waits and 429s are counted where they happen, in the RingCentral budget.
 */
@Component
class SyncMetrics {

  private static final String DEAD_LETTERS = "faxbridge.faxes.dead.letters";
  private static final String DEAD_LETTERS_DESCRIPTION = "Abandoned faxes waiting for an operator";
  private static final String OLDEST_AT_RISK = "faxbridge.retention.oldest.at.risk.age.seconds";
  private static final String OLDEST_AT_RISK_DESCRIPTION =
      "Age of the oldest fax not yet safely delivered, against the retention window";

  private final MeterRegistry registry;
  private final Map<String, AtomicLong> deadLetters = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> oldestUndeliveredAge = new ConcurrentHashMap<>();

  private final Tenants tenants;

  SyncMetrics(MeterRegistry registry, Tenants tenants) {
    this.registry = registry;
    this.tenants = tenants;
  }

  /** Every tenant's meters at zero from the first scrape on, not from its first fax. */
  @EventListener(ApplicationReadyEvent.class)
  void registerKnownTenants() {
    for (Tenant tenant : tenants.all()) {
      String slug = tenant.slug();
      deliveredCounter(slug);
      latencyTimer(slug);
      failedCounter(slug);
      abandonedCounter(slug);
      foundLateCounter(slug);
      fencedCounter(slug);
      for (Outcome outcome : Outcome.values()) {
        syncTimer(slug, outcome);
      }
      gauge(deadLetters, DEAD_LETTERS, DEAD_LETTERS_DESCRIPTION, slug);
      gauge(oldestUndeliveredAge, OLDEST_AT_RISK, OLDEST_AT_RISK_DESCRIPTION, slug);
    }
  }

  /** A fax reached its destination {@code latency} after the provider received it. */
  void delivered(String tenant, Duration latency) {
    deliveredCounter(tenant).increment();
    latencyTimer(tenant).record(latency.isNegative() ? Duration.ZERO : latency);
  }

  void failed(String tenant) {
    failedCounter(tenant).increment();
  }

  void abandoned(String tenant) {
    abandonedCounter(tenant).increment();
  }

  /** Faxes that only a layered re-read found: the provider indexed them after their window. */
  void foundLate(String tenant, int count) {
    foundLateCounter(tenant).increment(count);
  }

  /** A sync's write was refused because its claim on the fax had moved on to another sync. */
  void fenced(String tenant) {
    fencedCounter(tenant).increment();
  }

  void syncFinished(String tenant, Outcome outcome, Duration took) {
    syncTimer(tenant, outcome).record(took);
  }

  private Counter foundLateCounter(String tenant) {
    return tenantCounter(
        "faxbridge.faxes.found.late",
        "Faxes found by a re-read of a wider window, missed by the regular listing",
        tenant);
  }

  private Counter fencedCounter(String tenant) {
    return tenantCounter(
        "faxbridge.faxes.fenced",
        "Ledger writes refused because the writer's claim had expired and moved on",
        tenant);
  }

  private Counter deliveredCounter(String tenant) {
    return tenantCounter(
        "faxbridge.faxes.delivered", "Faxes delivered to their destination", tenant);
  }

  private Timer latencyTimer(String tenant) {
    return Timer.builder("faxbridge.faxes.delivery.latency")
        .description("From the fax's arrival at the provider to its delivery")
        .tag("tenant", tenant)
        .register(registry);
  }

  private Counter failedCounter(String tenant) {
    return tenantCounter(
        "faxbridge.faxes.failed", "Failed delivery attempts that will be retried", tenant);
  }

  private Counter abandonedCounter(String tenant) {
    return tenantCounter(
        "faxbridge.faxes.abandoned", "Faxes given up and moved to the dead letters", tenant);
  }

  /** The counter of this name for one tenant: registered on first use, the same one after. */
  private Counter tenantCounter(String name, String description, String tenant) {
    return Counter.builder(name).description(description).tag("tenant", tenant).register(registry);
  }

  private Timer syncTimer(String tenant, Outcome outcome) {
    return Timer.builder("faxbridge.sync.duration")
        .description("Duration of one sync of one connection")
        .tag("tenant", tenant)
        .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
        .register(registry);
  }

  /** The tenant's current number of dead letters (abandoned faxes). */
  void deadLetters(String tenant, long count) {
    gauge(deadLetters, DEAD_LETTERS, DEAD_LETTERS_DESCRIPTION, tenant).set(count);
  }

  /**
   * How long the tenant's oldest fax at risk has been waiting (undelivered, or possibly arrived
   * since its oldest mailbox cursor); compare with RingCentral's retention window.
   */
  void oldestAtRiskAge(String tenant, Duration age) {
    gauge(oldestUndeliveredAge, OLDEST_AT_RISK, OLDEST_AT_RISK_DESCRIPTION, tenant)
        .set(age.toSeconds());
  }

  private AtomicLong gauge(
      Map<String, AtomicLong> values, String name, String description, String tenant) {
    return values.computeIfAbsent(
        tenant,
        t -> {
          AtomicLong value = new AtomicLong();
          Gauge.builder(name, value, AtomicLong::get)
              .description(description)
              .tag("tenant", t)
              .register(registry);
          return value;
        });
  }
}
