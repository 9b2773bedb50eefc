package dev.faxbridge.connection;

import dev.faxbridge.tenant.TenantId;
import java.util.Map;

/**
 * How an operator connects a tenant to one provider with credentials handed over to them: each
 * provider validates its own credentials against the provider, seals them and stores the
 * connection. The operator API picks the implementation by {@link #provider()}.
 */
public interface SourceOnboarding {

  Provider provider();

  /**
   * Validates the credentials and stores the connection; when the tenant already has a connection
   * to the same account, the credentials replace its authorization (a re-authorization).
   *
   * @param credentials the fields the operator sent (their names are the provider's: {@code jwt};
   *     {@code company}, {@code username}, {@code password}), never logged
   * @param actor who asked, for the audit trail
   * @throws AuthorizationRefused with a precise message when the credentials cannot be used
   * @throws IllegalArgumentException when a field is missing or not understood
   */
  Connected connect(TenantId tenant, Map<String, String> credentials, String actor);
}
