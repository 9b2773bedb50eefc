package dev.faxbridge.connection;

import dev.faxbridge.tenant.TenantId;
import java.time.Instant;

/**
 * A tenant's authorization at a provider. Carries no secret: credentials and tokens are read
 * through {@link Connections} only when a call needs them.
 *
 * @param externalAccountId the provider's account id (RingCentral account id)
 * @param ownerExtensionId the provider user who authorized (RingCentral extension id)
 */
public record ProviderConnection(
    ConnectionId id,
    TenantId tenantId,
    Provider provider,
    AuthMethod authMethod,
    ConnectionStatus status,
    String externalAccountId,
    String ownerExtensionId,
    Instant createdAt,
    Instant updatedAt) {

  public boolean isActive() {
    return status == ConnectionStatus.ACTIVE;
  }
}
