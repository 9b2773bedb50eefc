package dev.faxbridge.provider;

import java.time.Instant;

/**
 * What the sync engine asks one listing of a mailbox for. A provider reads what it needs and
 * ignores the rest: a provider that lists by time (RingCentral) lists {@code [from, to)}; a
 * provider that lists a queue (Faxage's "unhandled") reads its own {@code cursor} instead.
 *
 * @param from the start of the engine's window (the cursor's time minus the overlap)
 * @param to the end of the window: now
 * @param cursor what this provider answered from its last complete listing of the mailbox, opaque
 *     to the engine; null before the first one
 */
public record ListingRequest(String mailboxId, Instant from, Instant to, String cursor) {}
