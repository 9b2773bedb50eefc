package dev.faxbridge.tenant;

/**
 * Published inside the transaction that offboards a tenant, after its connections' and
 * notifications' secrets are wiped: a part of faxbridge that keeps other secrets of the tenant (a
 * destination's credential, say) listens and wipes them in the same transaction.
 */
public record TenantOffboarded(TenantId tenant, String actor) {}
