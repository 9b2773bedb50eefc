package dev.faxbridge.admin;

import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.Provider;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.fax.FaxLedger;
import dev.faxbridge.sync.SourceRetirement;
import dev.faxbridge.tenant.Tenant;
import dev.faxbridge.tenant.Tenants;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The move of clinics from one source to another (Faxage to RingCentral), clinic by clinic: what
 * each source of a tenant still brings in, and the retirement of a drained source. See
 * docs/migrating-from-faxage.md.
 */
@RestController
@Tag(name = "Migration")
class MigrationApi {

  /** How many days of faxes per day a status shows. */
  static final int DAYS = 14;

  private final Tenants tenants;
  private final Connections connections;
  private final FaxLedger ledger;
  private final SourceRetirement retirement;

  MigrationApi(
      Tenants tenants, Connections connections, FaxLedger ledger, SourceRetirement retirement) {
    this.tenants = tenants;
    this.connections = connections;
    this.ledger = ledger;
    this.retirement = retirement;
  }

  record DayCount(LocalDate day, int faxes) {}

  /**
   * One source (connection) of a tenant.
   *
   * @param status ACTIVE, NEEDS_REAUTHORIZATION, DISABLED; {@code retiredAt} set when retired
   * @param faxesPerDay faxes received per UTC day over the last 14 days, oldest first
   * @param lastFaxAt when its newest fax was received, null before the first
   * @param openFailures faxes failing or dead, and acknowledgements at the source failing
   */
  record SourceStatus(
      String connectionId,
      String provider,
      String accountId,
      String status,
      Instant createdAt,
      Instant retiredAt,
      List<DayCount> faxesPerDay,
      Instant lastFaxAt,
      int openFailures) {}

  /**
   * @param stage {@code none} (no source yet), {@code faxage} or {@code ringcentral} (one live
   *     source), {@code both} (mid-migration: a live source of each), {@code migrated} (Faxage
   *     retired, RingCentral live)
   */
  record TenantMigration(String tenantId, String slug, String stage, List<SourceStatus> sources) {}

  record Retired(String connectionId, String provider, Instant retiredAt, String retiredBy) {}

  @GetMapping("/api/tenants/{tenant}/migration")
  @Operation(
      summary = "A tenant's sources side by side: faxes per day, last fax, open failures",
      description =
          "Per source (connection): faxes received per day over the last 14 days, the last fax"
              + " time and open failures; the tenant's migration stage.")
  TenantMigration tenant(@PathVariable String tenant) {
    return status(tenants.resolve(tenant));
  }

  @GetMapping("/api/migration")
  @Operation(
      summary = "Every tenant's migration status, a page at a time (by slug)",
      description = "stage: only tenants at this stage (none, faxage, ringcentral, both, migrated)")
  Paging.Page<TenantMigration> all(
      @RequestParam(required = false) String stage,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    if (stage != null && !STAGES.contains(stage)) {
      throw new IllegalArgumentException(
          "stage is one of " + STAGES.stream().sorted().toList() + ", was '" + stage + "'");
    }
    int size = Paging.limit(limit);
    String after = Paging.position(cursor, "migration");
    List<TenantMigration> rows =
        tenants.all().stream()
            .filter(t -> after == null || t.slug().compareTo(after) > 0)
            .sorted((a, b) -> a.slug().compareTo(b.slug()))
            .map(this::status)
            .filter(m -> stage == null || m.stage().equals(stage))
            .limit(size + 1L)
            .toList();
    return Paging.page(rows, size, "migration", TenantMigration::slug, m -> m);
  }

  @PostMapping("/api/tenants/{tenant}/connections/{connectionId}/retirement")
  @Operation(
      summary = "Retire a drained source (Faxage) after its final drain",
      description =
          "Asks the source live what it still holds unhandled and checks the ledger for faxes"
              + " undelivered, dead or owing their acknowledgement; when all are zero the"
              + " connection's credential is wiped, its sync stopped, and the audit trail names"
              + " who retired it. 409 with the numbers otherwise; nothing changes then.")
  @ApiResponse(responseCode = "200", description = "Retired")
  @ApiResponse(responseCode = "409", description = "Not drained, or retired already")
  Retired retire(@PathVariable String tenant, @PathVariable String connectionId) {
    Tenant found = tenants.resolve(tenant);
    ProviderConnection connection = connections.get(connectionId);
    if (!connection.tenantId().equals(found.id())) {
      throw new NotFound("Tenant " + found.slug() + " has no connection " + connectionId);
    }
    String actor = AuditActor.current();
    Instant at = retirement.retire(connection, actor);
    return new Retired(
        connection.id().toString(), ConnectionViews.providerName(connection), at, actor);
  }

  private static final Set<String> STAGES =
      Set.of("none", "faxage", "ringcentral", "both", "migrated");

  TenantMigration status(Tenant tenant) {
    Map<dev.faxbridge.connection.ConnectionId, FaxLedger.SourceActivity> activity =
        ledger.activity(tenant.id(), DAYS);
    List<ProviderConnection> all = connections.forTenant(tenant.id());
    List<SourceStatus> sources =
        all.stream()
            .map(
                c -> {
                  FaxLedger.SourceActivity a = activity.get(c.id());
                  return new SourceStatus(
                      c.id().toString(),
                      ConnectionViews.providerName(c),
                      c.externalAccountId(),
                      c.status().name(),
                      c.createdAt(),
                      connections.retiredAt(c.id()).orElse(null),
                      a == null
                          ? List.of()
                          : a.receivedPerDay().entrySet().stream()
                              .map(e -> new DayCount(e.getKey(), e.getValue()))
                              .toList(),
                      a == null ? null : a.lastReceivedAt(),
                      a == null ? 0 : a.openFailures());
                })
            .toList();
    return new TenantMigration(tenant.id().toString(), tenant.slug(), stage(all, sources), sources);
  }

  private static String stage(List<ProviderConnection> all, List<SourceStatus> sources) {
    Set<Provider> live =
        all.stream()
            .filter(c -> c.status() != dev.faxbridge.connection.ConnectionStatus.DISABLED)
            .map(ProviderConnection::provider)
            .collect(Collectors.toSet());
    boolean faxageRetired =
        sources.stream().anyMatch(s -> s.provider().equals("faxage") && s.retiredAt() != null);
    if (live.contains(Provider.FAXAGE) && live.contains(Provider.RINGCENTRAL)) {
      return "both";
    }
    if (live.contains(Provider.RINGCENTRAL)) {
      return faxageRetired ? "migrated" : "ringcentral";
    }
    if (live.contains(Provider.FAXAGE)) {
      return "faxage";
    }
    return "none";
  }
}
