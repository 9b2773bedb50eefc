package dev.faxbridge.connection;

import dev.faxbridge.tenant.TenantId;

/**
 * Published inside the transaction that moved a connection to NEEDS_REAUTHORIZATION, once per
 * episode, so listeners that write in that transaction (the notification outbox) act exactly once.
 *
 * @param reason a short code of why (a provider error code, {@code refresh-token-expired}); never a
 *     secret
 */
public record ConnectionNeedsReauthorization(
    ConnectionId connectionId, TenantId tenantId, AuthMethod authMethod, String reason) {}
