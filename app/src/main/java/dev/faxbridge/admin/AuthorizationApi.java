package dev.faxbridge.admin;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.connection.ConnectLinks;
import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.notification.TenantContacts;
import dev.faxbridge.tenant.Tenant;
import dev.faxbridge.tenant.Tenants;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Authorizations of a tenant: connect links for the authorization-code flow, and who is notified
 * when an authorization dies.
 */
@RestController
@Tag(name = "Authorizations")
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

  @PostMapping("/api/tenants/{tenant}/connect-links")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Create a connect link for the clinic (new connection or re-authorization)")
  @ApiResponse(responseCode = "201", description = "Created; the URL is shown this once")
  @ApiResponse(responseCode = "409", description = "The tenant was offboarded")
  ConnectLinkView createLink(
      @PathVariable("tenant") String ref, @RequestBody(required = false) NewConnectLink request) {
    Tenant tenant = TenantApi.served(tenants.resolve(ref));
    Optional<ConnectionId> connection = Optional.empty();
    if (request != null && request.connectionId() != null) {
      ProviderConnection existing = connections.get(request.connectionId());
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

  /** Revokes a link nobody has used, say one that reached the wrong person; it refuses after. */
  @DeleteMapping("/api/tenants/{tenant}/connect-links/{linkId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Revoke a connect link nobody has used")
  @ApiResponse(responseCode = "204", description = "Revoked")
  @ApiResponse(responseCode = "409", description = "The link was used or revoked already")
  void revokeLink(@PathVariable("tenant") String ref, @PathVariable String linkId) {
    Tenant tenant = tenants.resolve(ref);
    UUID link;
    try {
      link = UUID.fromString(linkId);
    } catch (IllegalArgumentException e) {
      throw new NotFound("Tenant " + tenant.slug() + " has no connect link '" + linkId + "'");
    }
    ConnectLinks.Link found =
        links
            .find(tenant.id(), link)
            .orElseThrow(
                () -> new NotFound("Tenant " + tenant.slug() + " has no connect link " + link));
    if (!links.revoke(link)) {
      throw new Conflict(
          "Connect link " + link + " was used or revoked already; there is nothing to revoke");
    }
    audit.record(
        AuditKind.CONNECT_LINK_REVOKED,
        AuditActor.current(),
        tenant.id().value(),
        found.connectionId().map(ConnectionId::value).orElse(null),
        null,
        Map.of("linkId", link.toString()));
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

  /** The settings without the webhook secret, which is never shown again. */
  record NotificationSettingsView(
      String contactEmail, String webhookUrl, boolean webhookSecretSet) {}

  @PutMapping("/api/tenants/{tenant}/notifications")
  @Operation(summary = "Set who is told when the tenant's authorization is lost")
  @ApiResponse(responseCode = "200", description = "Done")
  @ApiResponse(responseCode = "409", description = "The tenant was offboarded")
  NotificationSettingsView putNotifications(
      @PathVariable("tenant") String ref, @RequestBody NotificationSettingsRequest request) {
    Tenant tenant = TenantApi.served(tenants.resolve(ref));
    URI webhook;
    try {
      webhook =
          request.webhookUrl() == null || request.webhookUrl().isBlank()
              ? null
              : URI.create(request.webhookUrl());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("webhookUrl is not a URL");
    }
    contacts.put(
        tenant.id(),
        new TenantContacts.Contacts(request.contactEmail(), webhook, request.webhookSecret()));
    return notifications(ref);
  }

  @GetMapping("/api/tenants/{tenant}/notifications")
  @Operation(summary = "Who is told when the tenant's authorization is lost")
  NotificationSettingsView notifications(@PathVariable("tenant") String ref) {
    Tenant tenant = tenants.resolve(ref);
    return contacts
        .find(tenant.id())
        .map(
            c ->
                new NotificationSettingsView(
                    c.contactEmail(),
                    c.webhookUrl() == null ? null : c.webhookUrl().toString(),
                    c.webhookSecret() != null))
        .orElse(new NotificationSettingsView(null, null, false));
  }
}
