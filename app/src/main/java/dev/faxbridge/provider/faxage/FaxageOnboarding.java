package dev.faxbridge.provider.faxage;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.connection.AuthMethod;
import dev.faxbridge.connection.AuthorizationRefused;
import dev.faxbridge.connection.Authorizations;
import dev.faxbridge.connection.Connected;
import dev.faxbridge.connection.ConnectionAuthorized;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.Provider;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.connection.SourceOnboarding;
import dev.faxbridge.provider.Acknowledgement;
import dev.faxbridge.provider.ProviderException;
import dev.faxbridge.tenant.TenantId;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Connects a tenant to its Faxage company with the login an operator was handed: checks the login
 * with {@code handlecount} (the cheapest call that proves it) before anything is stored, seals it
 * as the connection's credential, and records the connection's acknowledgement at Faxage ({@code
 * handled}, the default, or {@code delete}). Every outcome is audited; the password never is.
 */
class FaxageOnboarding implements SourceOnboarding {

  private final FaxageClient client;
  private final Connections connections;
  private final Authorizations authorizations;
  private final AuditTrail audit;
  private final ApplicationEventPublisher events;

  FaxageOnboarding(
      FaxageClient client,
      Connections connections,
      Authorizations authorizations,
      AuditTrail audit,
      ApplicationEventPublisher events) {
    this.client = client;
    this.connections = connections;
    this.authorizations = authorizations;
    this.audit = audit;
    this.events = events;
  }

  @Override
  public Provider provider() {
    return Provider.FAXAGE;
  }

  @Override
  public Connected connect(TenantId tenant, Map<String, String> fields, String actor) {
    FaxageCredentials login =
        new FaxageCredentials(
            required(fields, "company"),
            required(fields, "username"),
            required(fields, "password"));
    Acknowledgement acknowledgement = acknowledgement(fields.get("acknowledgement"));
    FaxageClient.HandleCount counts;
    try {
      counts = client.handlecount(login);
    } catch (ProviderException.AuthorizationRevoked refused) {
      throw refuse(
          tenant,
          actor,
          "login-incorrect",
          "Faxage refused the login (ERR02): the company number, the username or the password"
              + " is wrong, or the user is disabled. Check all three in Faxage's account settings;"
              + " nothing was stored.");
    } catch (ProviderException.Misconfigured misconfigured) {
      throw refuse(
          tenant,
          actor,
          "faxage-misconfigured",
          "faxbridge's Faxage endpoint setting is wrong ("
              + misconfigured.getMessage()
              + "); nothing was stored.");
    } catch (ProviderException failure) {
      throw refuse(
          tenant,
          actor,
          "faxage-unavailable",
          "Faxage could not check the login just now ("
              + failure.getMessage()
              + "); nothing was stored, try again later.");
    }
    Authorizations.Stored stored =
        authorizations.store(
            tenant,
            // A retired connection stays retired: connecting the company again starts a new one.
            connections
                .findByAccount(tenant, Provider.FAXAGE, login.company())
                .filter(c -> connections.retiredAt(c.id()).isEmpty()),
            Provider.FAXAGE,
            AuthMethod.PASSWORD,
            FaxageLogins.seal(login),
            login.company(),
            login.username(),
            "username",
            null,
            actor);
    ProviderConnection connection = stored.connection();
    connections.setSourceAcknowledgement(connection.id(), acknowledgement.name());
    audit.record(
        AuditKind.CREDENTIAL_VALIDATED,
        actor,
        tenant.value(),
        connection.id().value(),
        null,
        Map.of(
            "username", login.username(),
            "faxesStored", counts.stored(),
            "faxesHandled", counts.handled(),
            "acknowledgement", acknowledgement.name()));
    events.publishEvent(new ConnectionAuthorized(connection.id(), tenant, stored.restored()));
    return new Connected(connection, (int) Math.max(0, counts.stored() - counts.handled()));
  }

  private static String required(Map<String, String> fields, String name) {
    String value = fields.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "A Faxage connection needs '" + name + "' (company, username and password)");
    }
    return name.equals("password") ? value : value.strip();
  }

  /**
   * {@code handled} (default) marks a delivered fax handled at Faxage; {@code delete} deletes it.
   */
  static Acknowledgement acknowledgement(String mode) {
    if (mode == null) {
      return Acknowledgement.MARK_READ;
    }
    return switch (mode.toLowerCase(Locale.ROOT)) {
      case "handled" -> Acknowledgement.MARK_READ;
      case "delete", "delfax" -> Acknowledgement.DELETE;
      default ->
          throw new IllegalArgumentException(
              "Unknown Faxage acknowledgement '"
                  + mode
                  + "'; 'handled' (the default) or 'delete'. A Faxage fax is always acknowledged,"
                  + " since what is not handled is listed again.");
    };
  }

  private AuthorizationRefused refuse(
      TenantId tenant, String actor, String reason, String message) {
    audit.record(
        AuditKind.CREDENTIAL_REJECTED,
        actor,
        tenant.value(),
        null,
        null,
        Map.of("reason", reason, "provider", "faxage"));
    return new AuthorizationRefused(reason, message);
  }
}
