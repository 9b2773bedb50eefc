package dev.faxbridge.connection;

import dev.faxbridge.tenant.TenantId;

/**
 * Published after a clinic authorized faxbridge, for a new connection or an existing one.
 *
 * @param restored the connection existed and was not ACTIVE before: syncing resumes from its
 *     cursor, so faxes that arrived meanwhile are picked up
 */
public record ConnectionAuthorized(
    ConnectionId connectionId, TenantId tenantId, boolean restored) {}
