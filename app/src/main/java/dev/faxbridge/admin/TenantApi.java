package dev.faxbridge.admin;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.fax.FaxLedger;
import dev.faxbridge.fax.InboundFax;
import dev.faxbridge.provider.ringcentral.RingCentralOnboarding;
import dev.faxbridge.sync.SyncSchedule;
import dev.faxbridge.tenant.Tenant;
import dev.faxbridge.tenant.TenantId;
import dev.faxbridge.tenant.Tenants;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/tenants")
class TenantApi {

  private final Tenants tenants;
  private final Connections connections;
  private final RingCentralOnboarding onboarding;
  private final SyncSchedule schedule;
  private final FaxLedger ledger;
  private final AuditTrail audit;

  TenantApi(
      Tenants tenants,
      Connections connections,
      RingCentralOnboarding onboarding,
      SyncSchedule schedule,
      FaxLedger ledger,
      AuditTrail audit) {
    this.tenants = tenants;
    this.connections = connections;
    this.onboarding = onboarding;
    this.schedule = schedule;
    this.ledger = ledger;
    this.audit = audit;
  }

  record NewTenant(String slug, String name, Integer syncIntervalSeconds) {}

  record TenantView(
      String id, String slug, String name, long syncIntervalSeconds, Instant createdAt) {
    static TenantView of(Tenant tenant) {
      return new TenantView(
          tenant.id().toString(),
          tenant.slug(),
          tenant.name(),
          tenant.syncInterval().toSeconds(),
          tenant.createdAt());
    }
  }

  record NewConnection(String provider, String jwt) {}

  record ConnectionView(
      String id,
      String tenantId,
      String provider,
      String authMethod,
      String status,
      String accountId,
      String ownerExtensionId,
      Instant createdAt) {
    static ConnectionView of(ProviderConnection c) {
      return new ConnectionView(
          c.id().toString(),
          c.tenantId().toString(),
          c.provider().name(),
          c.authMethod().name(),
          c.status().name(),
          c.externalAccountId(),
          c.ownerExtensionId(),
          c.createdAt());
    }
  }

  /** A ledger row without PHI: no phone numbers. */
  record FaxView(
      String id,
      String sourceKey,
      String state,
      Instant receivedAt,
      Integer pageCount,
      Long size,
      String sha256,
      int attempts,
      String lastError,
      String deliveredTo,
      Instant deliveredAt) {
    static FaxView of(InboundFax fax) {
      return new FaxView(
          fax.id().toString(),
          fax.sourceKey(),
          fax.state().name(),
          fax.source().receivedAt(),
          fax.source().pageCount(),
          fax.size(),
          fax.sha256(),
          fax.attempts(),
          fax.lastError(),
          fax.deliveredTo(),
          fax.deliveredAt());
    }
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  TenantView create(@RequestBody NewTenant request) {
    Duration interval =
        Duration.ofSeconds(
            request.syncIntervalSeconds() == null ? 60 : request.syncIntervalSeconds());
    Tenant tenant = tenants.create(request.slug(), request.name(), interval);
    audit.record(
        AuditKind.TENANT_CREATED,
        AuditActor.current(),
        tenant.id().value(),
        null,
        null,
        Map.of("slug", tenant.slug()));
    return TenantView.of(tenant);
  }

  @GetMapping
  List<TenantView> list() {
    return tenants.all().stream().map(TenantView::of).toList();
  }

  @GetMapping("/{id}")
  TenantView get(@PathVariable String id) {
    return TenantView.of(tenants.get(TenantId.parse(id)));
  }

  @PostMapping("/{id}/connections")
  @ResponseStatus(HttpStatus.CREATED)
  ConnectionView connect(@PathVariable String id, @RequestBody NewConnection request) {
    Tenant tenant = tenants.get(TenantId.parse(id));
    if (request.provider() != null && !request.provider().equalsIgnoreCase("ringcentral")) {
      throw new IllegalArgumentException(
          "Unknown provider '" + request.provider() + "'; faxbridge connects to 'ringcentral'");
    }
    ProviderConnection connection =
        onboarding.connectWithJwt(tenant.id(), request.jwt(), AuditActor.current());
    schedule.schedule(connection.id());
    return ConnectionView.of(connection);
  }

  @GetMapping("/{id}/connections")
  List<ConnectionView> connections(@PathVariable String id) {
    return connections.forTenant(tenants.get(TenantId.parse(id)).id()).stream()
        .map(ConnectionView::of)
        .toList();
  }

  @GetMapping("/{id}/faxes")
  List<FaxView> faxes(@PathVariable String id) {
    return ledger.forTenant(tenants.get(TenantId.parse(id)).id()).stream()
        .map(FaxView::of)
        .toList();
  }
}
