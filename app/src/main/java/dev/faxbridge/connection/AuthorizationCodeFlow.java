package dev.faxbridge.connection;

import dev.faxbridge.tenant.TenantId;
import java.net.URI;
import java.util.Optional;

/**
 * A provider's authorization-code flow with PKCE, as the connect pages use it. Implemented by the
 * provider package, so the pages stay provider-neutral.
 */
public interface AuthorizationCodeFlow {

  /** Where to send the clinic admin's browser, with {@code state} and the S256 challenge. */
  URI authorizeUrl(String state, String codeVerifier);

  /**
   * Redeems the code and stores the authorization for the tenant (for {@code connection} when the
   * link was made to re-authorize one).
   *
   * @throws AuthorizationRefused when the sign-in cannot be used; any other exception means the
   *     provider could not be reached and the same link may be tried again
   */
  Connected complete(
      TenantId tenant,
      Optional<ConnectionId> connection,
      String code,
      String codeVerifier,
      String actor);
}
