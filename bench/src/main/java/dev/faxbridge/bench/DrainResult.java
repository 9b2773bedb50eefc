package dev.faxbridge.bench;

import java.time.Duration;

/**
 * How one client drained the backlog.
 *
 * @param client who drained it
 * @param faxes faxes waiting at the start
 * @param delivered faxes that arrived complete (size and SHA-256 as the platform has them), once
 * @param elapsed from the first call of the client (faxbridge: the first operator API call that
 *     creates a tenant) to the last fax delivered
 * @param audit the client's rate-limit behaviour from the emulator's request log
 */
record DrainResult(String client, int faxes, int delivered, Duration elapsed, PenaltyAudit audit) {

  /** The bound over the time achieved: 1.0 means as fast as the rate limits allow. */
  double ratioTo(RateLimitBound bound) {
    return (double) bound.minimum().toMillis() / elapsed.toMillis();
  }
}
