package dev.faxbridge.notification;

import dev.faxbridge.connection.ConnectLinkLocked;
import dev.faxbridge.tenant.Tenant;
import dev.faxbridge.tenant.Tenants;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tells the operator that a connect link locked after too many refused credentials: an email to
 * {@link NotificationSettings#operatorEmail()} and the tenant's webhook, when set, written in the
 * transaction that locked the link and sent after it commits. Says which link and how many
 * refusals, never what was pasted.
 */
@Component
class LockedLinkNotices {

  static final String EVENT = "connect_link.locked";

  private final Outbox outbox;
  private final TenantContacts contacts;
  private final Tenants tenants;
  private final NotificationSettings settings;
  private final SendNotifications sender;
  private final Clock clock;
  private final JsonMapper json = JsonMapper.builder().build();

  LockedLinkNotices(
      Outbox outbox,
      TenantContacts contacts,
      Tenants tenants,
      NotificationSettings settings,
      SendNotifications sender,
      Clock clock) {
    this.outbox = outbox;
    this.contacts = contacts;
    this.tenants = tenants;
    this.settings = settings;
    this.sender = sender;
    this.clock = clock;
  }

  @EventListener
  void writeOutbox(ConnectLinkLocked event) {
    Tenant tenant = tenants.get(event.tenantId());
    if (settings.operatorEmail() != null && !settings.operatorEmail().isBlank()) {
      ObjectNode body = json.createObjectNode();
      body.put("to", settings.operatorEmail());
      body.put("subject", "faxbridge: a connect link of " + tenant.name() + " was locked");
      body.put(
          "text",
          "The connect link "
              + event.linkId()
              + " of "
              + tenant.name()
              + " ("
              + tenant.slug()
              + ") was locked after "
              + event.failedCredentials()
              + " refused JWT credentials. Someone may be guessing, or the clinic admin is stuck:"
              + " ask the clinic what happened, then send a new link. The audit trail lists"
              + " each refusal's reason.\n");
      outbox.add(event.tenantId(), null, "EMAIL", EVENT, body);
    }
    contacts
        .find(event.tenantId())
        .filter(who -> who.webhookUrl() != null)
        .ifPresent(
            who -> {
              ObjectNode body = json.createObjectNode();
              body.put("url", who.webhookUrl().toString());
              ObjectNode payload = body.putObject("payload");
              payload.put("event", EVENT);
              payload.put("occurredAt", clock.instant().toString());
              payload.put("tenantId", tenant.id().toString());
              payload.put("tenantSlug", tenant.slug());
              payload.put("linkId", event.linkId().toString());
              payload.put("failedCredentials", event.failedCredentials());
              outbox.add(event.tenantId(), null, "WEBHOOK", EVENT, body);
            });
  }

  @TransactionalEventListener
  void sendAfterCommit(ConnectLinkLocked event) {
    sender.sendDue();
  }
}
