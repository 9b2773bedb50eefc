package dev.faxbridge.delivery.routing;

import dev.faxbridge.tenant.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One destination of a tenant as stored.
 *
 * @param settings the kind's settings that are not secret, as JSON values
 * @param secret the opened secret (a password, a token, a webhook secret), or null; never shown
 * @param location the location label carried into every message, or null
 * @param removedAt when an operator removed it (its secret is gone), or null
 */
public record TenantDestination(
    UUID id,
    TenantId tenantId,
    String name,
    DestinationKind kind,
    String location,
    Map<String, Object> settings,
    String secret,
    boolean enabled,
    Instant createdAt,
    Instant updatedAt,
    Instant removedAt) {

  public boolean usable() {
    return enabled && removedAt == null;
  }

  @Override
  public String toString() {
    return "TenantDestination[id=" + id + ", kind=" + kind.label() + ", name=" + name + "]";
  }
}
