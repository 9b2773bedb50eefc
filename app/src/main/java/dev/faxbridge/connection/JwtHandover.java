package dev.faxbridge.connection;

import dev.faxbridge.tenant.TenantId;
import java.net.URI;
import java.util.Optional;

/**
 * A provider's JWT credential path, as the connect pages offer it: the clinic creates a credential
 * restricted to faxbridge's app and pastes it into the page. Implemented by the provider package,
 * so the pages stay provider-neutral.
 */
public interface JwtHandover {

  /** faxbridge's client id, which the clinic restricts the credential to. */
  String clientId();

  /** The provider's page that creates a credential, prefilled with {@link #clientId()}. */
  URI createCredentialUrl();

  /**
   * Checks the credential and stores the authorization for the tenant (for {@code connection} when
   * the link was made to re-authorize one).
   *
   * @throws AuthorizationRefused when the credential cannot be used; any other exception means the
   *     provider could not be reached and the same credential may be tried again
   */
  Connected connectWithJwt(
      TenantId tenant, Optional<ConnectionId> connection, String jwtCredential, String actor);
}
