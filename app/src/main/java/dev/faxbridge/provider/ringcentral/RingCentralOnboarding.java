package dev.faxbridge.provider.ringcentral;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.connection.AuthMethod;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.Provider;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.connection.TokenSet;
import dev.faxbridge.provider.ProviderException;
import dev.faxbridge.tenant.TenantId;
import java.time.Clock;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Adds a clinic's RingCentral account to a tenant. The credential is checked at once, by exchanging
 * it and reading the authorizing user, so a clinic admin hears what is wrong while still at hand.
 */
public class RingCentralOnboarding {

  private final RingCentralClient client;
  private final Connections connections;
  private final AuditTrail audit;
  private final Clock clock;

  RingCentralOnboarding(
      RingCentralClient client, Connections connections, AuditTrail audit, Clock clock) {
    this.client = client;
    this.connections = connections;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Validates a JWT credential and stores the connection.
   *
   * @param actor who asked (an operator name), for the audit trail
   * @throws OnboardingRefused with a message for the person who handed over the credential
   */
  public ProviderConnection connectWithJwt(TenantId tenant, String jwtCredential, String actor) {
    if (jwtCredential == null
        || jwtCredential.isBlank()
        || jwtCredential.chars().filter(c -> c == '.').count() != 2) {
      throw refuse(
          tenant,
          actor,
          "not-a-jwt",
          "That is not a JWT credential: it should be three dot-separated parts, as copied from"
              + " the RingCentral developer console's Credentials page");
    }
    TokenSet tokens;
    try {
      tokens = client.exchangeJwt(jwtCredential).toTokenSet(clock.instant());
    } catch (ProviderException.AuthorizationRevoked refused) {
      throw refuse(
          tenant,
          actor,
          String.valueOf(refused.providerCode()),
          "RingCentral does not accept this JWT credential ("
              + refused.getMessage()
              + "). It may be revoked or expired, made for another app (it must be restricted to"
              + " faxbridge's client id), made in another environment, or its user may be"
              + " disabled. Ask the clinic admin to create a new one for our client id.");
    }
    String token = tokens.accessToken();
    JsonNode me = client.get(token, "/restapi/v1.0/account/~/extension/~", "the authorizing user");
    String accountId = Json.text(me.get("account"), "id");
    String ownerId = Json.text(me, "id");
    if (accountId == null || ownerId == null) {
      throw new ProviderException.Unavailable(
          "RingCentral's answer about the authorizing user lacks the account or extension id");
    }
    JsonNode admin = me.path("permissions").path("admin");
    if (admin.isObject() && !admin.path("enabled").asBoolean(false)) {
      throw refuse(
          tenant,
          actor,
          "not-admin",
          "The user who created this credential is not an administrator of the clinic's"
              + " RingCentral account, so faxbridge could read only that user's own faxes. Ask a"
              + " super admin (ideally a dedicated service user) to create the credential.");
    }
    if (connections.findByAccount(tenant, Provider.RINGCENTRAL, accountId).isPresent()) {
      throw refuse(
          tenant,
          actor,
          "duplicate",
          "This RingCentral account is already connected to this tenant");
    }
    ProviderConnection connection =
        connections.add(
            tenant,
            Provider.RINGCENTRAL,
            AuthMethod.JWT,
            jwtCredential,
            accountId,
            ownerId,
            tokens);
    audit.record(
        AuditKind.CONNECTION_ADDED,
        actor,
        tenant.value(),
        connection.id().value(),
        null,
        Map.of("provider", "RINGCENTRAL", "authMethod", "JWT", "accountId", accountId));
    audit.record(
        AuditKind.CREDENTIAL_VALIDATED,
        actor,
        tenant.value(),
        connection.id().value(),
        null,
        Map.of("ownerExtensionId", ownerId));
    return connection;
  }

  private OnboardingRefused refuse(TenantId tenant, String actor, String reason, String message) {
    audit.record(
        AuditKind.CREDENTIAL_REJECTED, actor, tenant.value(), null, null, Map.of("reason", reason));
    return new OnboardingRefused(message);
  }

  /** A credential that cannot be used, with what to do about it. */
  public static final class OnboardingRefused extends RuntimeException {
    OnboardingRefused(String message) {
      super(message);
    }
  }
}
