package dev.faxbridge.bench;

import dev.faxbridge.emulator.LoggedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How one client drained the backlog.
 *
 * @param client who drained it
 * @param faxes faxes waiting at the start
 * @param delivered faxes that arrived complete (size and SHA-256 as the platform has them), once
 * @param elapsed from the start (faxbridge: the first operator API call that creates a tenant; the
 *     SDK loop: its first call) to the last fax delivered
 * @param audit the client's rate-limit behaviour from the emulator's request log
 * @param firstCall when the client's first request reached the platform, from the start
 * @param firstMediumCall when its first Medium-group request did; the Medium bound runs from there
 */
record DrainResult(
    String client,
    int faxes,
    int delivered,
    Duration elapsed,
    PenaltyAudit audit,
    Duration firstCall,
    Duration firstMediumCall) {

  /** A drain measured from {@code start}, with its first calls read from its request log. */
  static DrainResult of(
      String client,
      int faxes,
      int delivered,
      Duration elapsed,
      PenaltyAudit audit,
      List<LoggedRequest> log,
      Instant start) {
    Instant first = null;
    Instant firstMedium = null;
    for (LoggedRequest r : log) {
      if ("NoThrottling".equals(r.rateLimitGroup())) {
        continue;
      }
      if (first == null || r.at().isBefore(first)) {
        first = r.at();
      }
      if ("Medium".equals(r.rateLimitGroup())
          && (firstMedium == null || r.at().isBefore(firstMedium))) {
        firstMedium = r.at();
      }
    }
    return new DrainResult(
        client,
        faxes,
        delivered,
        elapsed,
        audit,
        first == null ? Duration.ZERO : Duration.between(start, first),
        firstMedium == null ? Duration.ZERO : Duration.between(start, firstMedium));
  }

  /** The bound over the time achieved: 1.0 means as fast as the rate limits allow. */
  double ratioTo(RateLimitBound bound) {
    return (double) bound.minimum().toMillis() / elapsed.toMillis();
  }

  /**
   * The bound over the time from the first Medium call to the end: how close the pacing itself
   * came, leaving out the setup before the first Medium call (onboarding, login, first listing).
   */
  double pacingRatioTo(RateLimitBound bound) {
    return (double) bound.minimum().toMillis() / elapsed.minus(firstMediumCall).toMillis();
  }
}
