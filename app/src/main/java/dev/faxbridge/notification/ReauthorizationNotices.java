package dev.faxbridge.notification;

import dev.faxbridge.connection.AuthMethod;
import dev.faxbridge.connection.ConnectLinks;
import dev.faxbridge.connection.ConnectionNeedsReauthorization;
import dev.faxbridge.tenant.Tenant;
import dev.faxbridge.tenant.Tenants;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the notifications of a connection that needs re-authorization into the outbox, in the
 * transaction that changed its status (so exactly once per episode and channel), with a fresh
 * connect link; after that transaction commits, asks for them to be sent at once.
 */
@Component
class ReauthorizationNotices {

  static final String EVENT = "connection.needs_reauthorization";

  private final Outbox outbox;
  private final TenantContacts contacts;
  private final Tenants tenants;
  private final ConnectLinks links;
  private final SendNotifications sender;
  private final Clock clock;
  private final JsonMapper json = JsonMapper.builder().build();

  ReauthorizationNotices(
      Outbox outbox,
      TenantContacts contacts,
      Tenants tenants,
      ConnectLinks links,
      SendNotifications sender,
      Clock clock) {
    this.outbox = outbox;
    this.contacts = contacts;
    this.tenants = tenants;
    this.links = links;
    this.sender = sender;
    this.clock = clock;
  }

  @EventListener
  void writeOutbox(ConnectionNeedsReauthorization event) {
    Optional<TenantContacts.Contacts> who = contacts.find(event.tenantId());
    if (who.isEmpty() || (who.get().contactEmail() == null && who.get().webhookUrl() == null)) {
      return;
    }
    Tenant tenant = tenants.get(event.tenantId());
    // A login (Faxage) is handed to the operator again; connect links are for RingCentral sign-ins.
    ConnectLinks.NewLink link =
        event.authMethod() == AuthMethod.PASSWORD
            ? null
            : links.create(event.tenantId(), Optional.of(event.connectionId()), "faxbridge");
    Instant now = clock.instant();
    if (who.get().contactEmail() != null) {
      ObjectNode body = json.createObjectNode();
      body.put("to", who.get().contactEmail());
      body.put(
          "subject", "Action needed: faxbridge can no longer fetch " + tenant.name() + "'s faxes");
      body.put("text", link == null ? loginText(tenant, event) : emailText(tenant, event, link));
      outbox.add(event.tenantId(), event.connectionId().value(), "EMAIL", EVENT, body);
    }
    if (who.get().webhookUrl() != null) {
      ObjectNode body = json.createObjectNode();
      body.put("url", who.get().webhookUrl().toString());
      ObjectNode payload = body.putObject("payload");
      payload.put("event", EVENT);
      payload.put("occurredAt", now.toString());
      payload.put("tenantId", tenant.id().toString());
      payload.put("tenantSlug", tenant.slug());
      payload.put("connectionId", event.connectionId().toString());
      payload.put("authMethod", event.authMethod().name());
      payload.put("reason", event.reason());
      payload.put("connectLink", link == null ? null : link.url().toString());
      payload.put("connectLinkExpiresAt", link == null ? null : link.expiresAt().toString());
      outbox.add(event.tenantId(), event.connectionId().value(), "WEBHOOK", EVENT, body);
    }
  }

  @TransactionalEventListener
  void sendAfterCommit(ConnectionNeedsReauthorization event) {
    sender.sendDue();
  }

  private static String loginText(Tenant tenant, ConnectionNeedsReauthorization event) {
    return "Hello,\n\n"
        + "faxbridge brings the faxes that "
        + tenant.name()
        + " receives in Faxage into your health record system. Faxage no longer accepts"
        + " faxbridge's login (it answered '"
        + event.reason()
        + "'), so new faxes are not being brought over right now. No fax is lost: they wait in"
        + " Faxage, unhandled, and will be brought over as soon as the login works again.\n\n"
        + "To fix it, tell your faxbridge operator the Faxage login to use (company number,"
        + " user name and the new password) by phone or in person; please never send a password"
        + " by email. The operator connects it again, and the faxes waiting follow.\n\n"
        + "This message was sent once for this problem; you will not receive it again until it"
        + " is fixed.\n";
  }

  private String emailText(
      Tenant tenant, ConnectionNeedsReauthorization event, ConnectLinks.NewLink link) {
    StringBuilder text = new StringBuilder();
    text.append("Hello,\n\n")
        .append("faxbridge brings the faxes that ")
        .append(tenant.name())
        .append(" receives in RingCentral into your health record system. RingCentral no longer")
        .append(" accepts faxbridge's authorization for your account, so new faxes are not")
        .append(" being brought over right now. No fax is lost: they wait in RingCentral and")
        .append(" will be brought over as soon as the authorization is renewed.\n\n");
    text.append("To fix it, a RingCentral super admin of your clinic should open this link on")
        .append(" any computer or phone:\n\n   ")
        .append(link.url())
        .append("\n\nThe page offers two ways: sign in to RingCentral, or create a new JWT")
        .append(" credential and paste it there")
        .append(
            event.authMethod() == AuthMethod.JWT
                ? " (your clinic connected with a JWT credential before)"
                : "")
        .append(". The page explains each step. Please never send a credential by email.\n\n");
    text.append("The link works until your clinic is connected again, or until ")
        .append(link.expiresAt())
        .append(" (UTC). If it has expired, ask your faxbridge operator for a new one.\n\n")
        .append("This message was sent once for this problem; you will not receive it again")
        .append(" until it is fixed.\n");
    return text.toString();
  }
}
