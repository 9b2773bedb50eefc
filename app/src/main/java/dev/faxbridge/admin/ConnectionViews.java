package dev.faxbridge.admin;

import dev.faxbridge.audit.AuditEvent;
import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.connection.AuthMethod;
import dev.faxbridge.connection.ConnectionStatus;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.sync.SyncRuns;
import dev.faxbridge.sync.SyncSchedule;
import dev.faxbridge.tenant.Tenant;
import dev.faxbridge.tenant.Tenants;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** A connection as the operator API shows it: its health in plain words, and its syncs. */
@Component
class ConnectionViews {

  /**
   * @param provider the provider's name as requests spell it: {@code ringcentral}
   * @param reason the status in plain words: why, and what to do about it
   * @param since when the connection got its current status
   * @param lastSyncAt when its last sync ended (null before the first)
   * @param nextSyncAt when its next sync is due (null when none is scheduled)
   * @param lastError the last problem that ended a sync early, in a few words
   */
  record ConnectionView(
      String id,
      String tenantId,
      String provider,
      String authMethod,
      String status,
      String reason,
      Instant since,
      Instant lastSyncAt,
      String lastSyncOutcome,
      Instant nextSyncAt,
      String lastError,
      Instant lastErrorAt,
      String accountId,
      String ownerExtensionId,
      Instant createdAt) {}

  private final Tenants tenants;
  private final SyncRuns runs;
  private final SyncSchedule schedule;
  private final AuditTrail audit;
  private final Connections connections;

  ConnectionViews(
      Tenants tenants,
      SyncRuns runs,
      SyncSchedule schedule,
      AuditTrail audit,
      Connections connections) {
    this.connections = connections;
    this.tenants = tenants;
    this.runs = runs;
    this.schedule = schedule;
    this.audit = audit;
  }

  /** The provider's name as the API spells it, in requests and answers alike. */
  static String providerName(ProviderConnection connection) {
    return connection.provider().name().toLowerCase(Locale.ROOT);
  }

  ConnectionView of(ProviderConnection c) {
    Optional<SyncRuns.LastRun> last = runs.last(c.id());
    Optional<Instant> next =
        c.status() == ConnectionStatus.ACTIVE ? schedule.nextRun(c.id()) : Optional.empty();
    return new ConnectionView(
        c.id().toString(),
        c.tenantId().toString(),
        providerName(c),
        c.authMethod().name(),
        c.status().name(),
        reason(c),
        c.updatedAt(),
        last.map(SyncRuns.LastRun::lastRunAt).orElse(null),
        last.map(SyncRuns.LastRun::lastOutcome).orElse(null),
        next.orElse(null),
        last.map(SyncRuns.LastRun::lastError).orElse(null),
        last.map(SyncRuns.LastRun::lastErrorAt).orElse(null),
        c.externalAccountId(),
        c.ownerExtensionId(),
        c.createdAt());
  }

  private String reason(ProviderConnection c) {
    Tenant tenant = tenants.get(c.tenantId());
    return switch (c.status()) {
      case ACTIVE ->
          "Connected: faxes are fetched every "
              + tenant.syncInterval().toSeconds()
              + " seconds and on the provider's notifications";
      case NEEDS_REAUTHORIZATION ->
          "The provider no longer accepts this connection's authorization"
              + audit
                  .latest(AuditKind.CONNECTION_NEEDS_REAUTHORIZATION, c.id().value())
                  .map(ConnectionViews::code)
                  .orElse("")
              + (c.authMethod() == AuthMethod.PASSWORD
                  ? "; nothing is fetched until an operator connects the clinic's current login"
                      + " again (POST /api/tenants/{tenant}/connections with the same company)"
                  : "; nothing is fetched until a clinic administrator authorizes again (send the"
                      + " clinic a connect link)");
      case DISABLED ->
          connections.retiredAt(c.id()).isPresent()
              ? "Retired: an operator retired this source after its final drain, and its"
                  + " credential was wiped"
              : tenant.isOffboarded()
                  ? "Switched off: the tenant was offboarded and this connection's secrets wiped"
                  : "Switched off: an operator removed this connection and its secrets were wiped";
    };
  }

  private static String code(AuditEvent event) {
    Object code = event.detail().get("reason");
    return code == null || "null".equals(code) ? "" : " (it answered '" + code + "')";
  }
}
