package dev.faxbridge.connection;

import dev.faxbridge.tenant.TenantId;
import java.util.UUID;

/**
 * Published in the transaction that locked a connect link after too many refused credentials, so
 * the operator can be told that someone may be guessing, or a clinic admin is stuck.
 */
public record ConnectLinkLocked(UUID linkId, TenantId tenantId, int failedCredentials) {}
