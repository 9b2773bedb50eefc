package dev.faxbridge.admin;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.connection.ConnectLinks;
import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.notification.TenantContacts;
import dev.faxbridge.tenant.Tenant;
import dev.faxbridge.tenant.TenantId;
import dev.faxbridge.tenant.Tenants;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Authorizations of a tenant: connect links for the authorization-code flow, who is notified when
 * an authorization dies, and removing a connection.
 */
@RestController
class AuthorizationApi {

  private final Tenants tenants;
  private final Connections connections;
  private final ConnectLinks links;
  private final TenantContacts contacts;
  private final AuditTrail audit;

  AuthorizationApi(
      Tenants tenants,
      Connections connections,
      ConnectLinks links,
      TenantContacts contacts,
      AuditTrail audit) {
    this.tenants = tenants;
    this.connections = connections;
    this.links = links;
    this.contacts = contacts;
    this.audit = audit;
  }

  /**
   * {@code connectionId}: the connection to re-authorize; omit it for a new connection. {@code
   * offers}: the ways of connecting the link offers, any of {@code sign-in} and {@code jwt}; omit
   * it for both.
   */
  record NewConnectLink(String connectionId, List<String> offers) {}

  record ConnectLinkView(
      String id, String tenantId, String url, Instant expiresAt, List<String> offers) {}

  record NotificationSettingsRequest(String contactEmail, String webhookUrl, String webhookSecret) {
    @Override
    public String toString() {
      return "NotificationSettingsRequest[webhookUrl=" + webhookUrl + "]";
    }
  }

  @PostMapping("/api/tenants/{id}/connect-links")
  @ResponseStatus(HttpStatus.CREATED)
  ConnectLinkView createLink(
      @PathVariable String id, @RequestBody(required = false) NewConnectLink request) {
    Tenant tenant = tenants.get(TenantId.parse(id));
    Optional<ConnectionId> connection = Optional.empty();
    if (request != null && request.connectionId() != null) {
      ProviderConnection existing = connections.get(ConnectionId.parse(request.connectionId()));
      if (!existing.tenantId().equals(tenant.id())) {
        throw new IllegalArgumentException(
            "Connection " + existing.id() + " belongs to another tenant");
      }
      connection = Optional.of(existing.id());
    }
    ConnectLinks.Offers offers =
        request == null || request.offers() == null ? ConnectLinks.Offers.BOTH : offers(request);
    String actor = AuditActor.current();
    ConnectLinks.NewLink link = links.create(tenant.id(), connection, offers, actor);
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("linkId", link.id().toString());
    connection.ifPresent(c -> detail.put("connectionId", c.toString()));
    detail.put("offers", names(offers));
    audit.record(
        AuditKind.CONNECT_LINK_CREATED,
        actor,
        tenant.id().value(),
        connection.map(ConnectionId::value).orElse(null),
        null,
        detail);
    return new ConnectLinkView(
        link.id().toString(),
        tenant.id().toString(),
        link.url().toString(),
        link.expiresAt(),
        names(offers));
  }

  /**
   * Revokes a link nobody has used, say one that reached the wrong person; it refuses after. 404
   * for a link the tenant does not have, 409 for one used or revoked already.
   */
  @DeleteMapping("/api/tenants/{id}/connect-links/{linkId}")
  ResponseEntity<ProblemDetail> revokeLink(@PathVariable String id, @PathVariable String linkId) {
    Tenant tenant = tenants.get(TenantId.parse(id));
    UUID link;
    try {
      link = UUID.fromString(linkId);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + linkId + "' is not a connect link id");
    }
    Optional<ConnectLinks.Link> found = links.find(tenant.id(), link);
    if (found.isEmpty()) {
      return problem(HttpStatus.NOT_FOUND, "Tenant " + id + " has no connect link " + link);
    }
    if (!links.revoke(link)) {
      return problem(
          HttpStatus.CONFLICT,
          "Connect link " + link + " was used or revoked already; there is nothing to revoke");
    }
    audit.record(
        AuditKind.CONNECT_LINK_REVOKED,
        AuditActor.current(),
        tenant.id().value(),
        found.get().connectionId().map(ConnectionId::value).orElse(null),
        null,
        Map.of("linkId", link.toString()));
    return ResponseEntity.noContent().build();
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
    return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
  }

  private static ConnectLinks.Offers offers(NewConnectLink request) {
    for (String offer : request.offers()) {
      if (!List.of("sign-in", "jwt").contains(offer)) {
        throw new IllegalArgumentException(
            "offers may hold 'sign-in' and 'jwt', not '" + offer + "'");
      }
    }
    return new ConnectLinks.Offers(
        request.offers().contains("sign-in"), request.offers().contains("jwt"));
  }

  private static List<String> names(ConnectLinks.Offers offers) {
    List<String> names = new ArrayList<>();
    if (offers.signIn()) {
      names.add("sign-in");
    }
    if (offers.jwt()) {
      names.add("jwt");
    }
    return names;
  }

  @PutMapping("/api/tenants/{id}/notifications")
  Map<String, Object> putNotifications(
      @PathVariable String id, @RequestBody NotificationSettingsRequest request) {
    Tenant tenant = tenants.get(TenantId.parse(id));
    URI webhook =
        request.webhookUrl() == null || request.webhookUrl().isBlank()
            ? null
            : URI.create(request.webhookUrl());
    contacts.put(
        tenant.id(),
        new TenantContacts.Contacts(request.contactEmail(), webhook, request.webhookSecret()));
    return notifications(id);
  }

  /** The settings without the webhook secret, which is never shown again. */
  @GetMapping("/api/tenants/{id}/notifications")
  Map<String, Object> notifications(@PathVariable String id) {
    Tenant tenant = tenants.get(TenantId.parse(id));
    Map<String, Object> view = new LinkedHashMap<>();
    contacts
        .find(tenant.id())
        .ifPresent(
            c -> {
              view.put("contactEmail", c.contactEmail());
              view.put("webhookUrl", c.webhookUrl() == null ? null : c.webhookUrl().toString());
              view.put("webhookSecretSet", c.webhookSecret() != null);
            });
    return view;
  }

  @DeleteMapping("/api/connections/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void remove(@PathVariable String id) {
    ProviderConnection connection = connections.get(ConnectionId.parse(id));
    connections.remove(connection.id());
    audit.record(
        AuditKind.CONNECTION_REMOVED,
        AuditActor.current(),
        connection.tenantId().value(),
        connection.id().value(),
        null,
        Map.of());
  }
}
