package dev.faxbridge.admin;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.connection.ConnectLinks;
import dev.faxbridge.connection.ConnectionStatus;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.notification.TenantContacts;
import dev.faxbridge.sync.SyncSchedule;
import dev.faxbridge.tenant.Tenant;
import dev.faxbridge.tenant.TenantOffboarded;
import dev.faxbridge.tenant.Tenants;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Offboards a tenant in one transaction: every connection is switched off with its credential and
 * tokens deleted, open connect links are revoked, notification settings (with the webhook secret)
 * and unsent notifications are deleted, {@link TenantOffboarded} lets other holders of the tenant's
 * secrets wipe theirs, and the audit trail records it. Afterwards the syncs are unscheduled. The
 * ledger and the audit trail stay, and go with the retention purge like any other rows; the tenant
 * row stays too (they refer to it) and keeps its slug, so no new tenant takes the offboarded one's
 * delivery folder.
 */
@Component
class TenantOffboarding {

  /** What an offboarding did, in counts. */
  record Offboarded(Tenant tenant, int connectionsSwitchedOff, int linksRevoked) {}

  private final Tenants tenants;
  private final Connections connections;
  private final ConnectLinks links;
  private final TenantContacts contacts;
  private final SyncSchedule schedule;
  private final AuditTrail audit;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transactions;

  TenantOffboarding(
      Tenants tenants,
      Connections connections,
      ConnectLinks links,
      TenantContacts contacts,
      SyncSchedule schedule,
      AuditTrail audit,
      ApplicationEventPublisher events,
      TransactionTemplate transactions) {
    this.tenants = tenants;
    this.connections = connections;
    this.links = links;
    this.contacts = contacts;
    this.schedule = schedule;
    this.audit = audit;
    this.events = events;
    this.transactions = transactions;
  }

  /**
   * @throws Conflict when the tenant was offboarded already
   */
  Offboarded offboard(Tenant tenant, String actor) {
    List<ProviderConnection> switchedOff =
        connections.forTenant(tenant.id()).stream()
            .filter(c -> c.status() != ConnectionStatus.DISABLED)
            .toList();
    int[] revoked = {0};
    transactions.executeWithoutResult(
        status -> {
          if (!tenants.markOffboarded(tenant.id())) {
            throw new Conflict(
                "Tenant '" + tenant.slug() + "' was offboarded already",
                Map.of("tenantId", tenant.id().toString()));
          }
          for (ProviderConnection connection : connections.forTenant(tenant.id())) {
            connections.remove(connection.id());
          }
          revoked[0] = links.revokeAllOpen(tenant.id());
          contacts.wipe(tenant.id());
          events.publishEvent(new TenantOffboarded(tenant.id(), actor));
          Map<String, Object> detail = new LinkedHashMap<>();
          detail.put("slug", tenant.slug());
          detail.put("connectionsSwitchedOff", switchedOff.size());
          detail.put("connectLinksRevoked", revoked[0]);
          detail.put("secretsWiped", true);
          audit.record(AuditKind.TENANT_OFFBOARDED, actor, tenant.id().value(), null, null, detail);
          for (ProviderConnection connection : switchedOff) {
            audit.record(
                AuditKind.CONNECTION_REMOVED,
                actor,
                tenant.id().value(),
                connection.id().value(),
                null,
                Map.of("reason", "tenant offboarded"));
          }
        });
    for (ProviderConnection connection : switchedOff) {
      schedule.unschedule(connection.id());
    }
    return new Offboarded(tenants.get(tenant.id()), switchedOff.size(), revoked[0]);
  }
}
