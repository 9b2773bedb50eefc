package dev.faxbridge.provider;

import java.time.Instant;
import java.util.List;

/**
 * A provider's push subscription for a connection's inbound faxes, as faxbridge last saw it.
 *
 * @param created true when {@link PushSubscriptions#ensure} had to create it (new, gone, or
 *     blacklisted before), so the verification token passed in is now the one that counts
 */
public record PushSubscription(
    String id, Instant expiresAt, List<String> mailboxIds, boolean created) {}
