package dev.faxbridge.provider.ringcentral;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How faxbridge paces and retries its RingCentral calls.
 *
 * @param defaultWindow the window assumed for a group before its first {@code X-Rate-Limit-Window}
 *     header (RingCentral documents 60 s)
 * @param defaultPenalty the wait after a 429 that carries no usable {@code Retry-After} (the guide
 *     says at least 30 s; 60 s is the documented penalty)
 * @param maxWait the longest a call waits for budget holding its thread; a longer wait ends the
 *     sync run as rate limited, gives the thread back and resumes the sync when the lane opens.
 *     Half a second: when a wave's lanes open together at the end of their windows, syncs waiting a
 *     second each in their threads kept the clinics behind them waiting for a thread
 * @param callAttempts attempts of one idempotent call (GET, ranged download) on 5xx, reset or
 *     truncation before the failure goes to the fax's own retry schedule
 * @param callRetryBase the pause before the second attempt; doubles per attempt, with jitter
 * @param rememberEvery how often each lane's use is written to the database, so a node that starts
 *     knows what the one before it sent; after a crash, lanes count as full until one window after
 *     the next write was due
 */
@ConfigurationProperties("faxbridge.ringcentral.rate-limits")
public record RateLimitSettings(
    @DefaultValue("60s") Duration defaultWindow,
    @DefaultValue("60s") Duration defaultPenalty,
    @DefaultValue("500ms") Duration maxWait,
    @DefaultValue("3") int callAttempts,
    @DefaultValue("250ms") Duration callRetryBase,
    @DefaultValue("2s") Duration rememberEvery) {

  /** Settings that remember lanes every two seconds. */
  public RateLimitSettings(
      Duration defaultWindow,
      Duration defaultPenalty,
      Duration maxWait,
      int callAttempts,
      Duration callRetryBase) {
    this(
        defaultWindow, defaultPenalty, maxWait, callAttempts, callRetryBase, Duration.ofSeconds(2));
  }

  @ConstructorBinding
  public RateLimitSettings {
    if (defaultWindow.isNegative() || defaultWindow.isZero()) {
      throw new IllegalArgumentException(
          "faxbridge.ringcentral.rate-limits.default-window must be positive, was "
              + defaultWindow);
    }
    if (defaultPenalty.isNegative()) {
      throw new IllegalArgumentException(
          "faxbridge.ringcentral.rate-limits.default-penalty must not be negative, was "
              + defaultPenalty);
    }
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException(
          "faxbridge.ringcentral.rate-limits.max-wait must not be negative, was " + maxWait);
    }
    if (callAttempts < 1 || callAttempts > 10) {
      throw new IllegalArgumentException(
          "faxbridge.ringcentral.rate-limits.call-attempts must be between 1 and 10, was "
              + callAttempts);
    }
    if (rememberEvery.isNegative() || rememberEvery.isZero()) {
      throw new IllegalArgumentException(
          "faxbridge.ringcentral.rate-limits.remember-every must be positive, was "
              + rememberEvery);
    }
    if (callRetryBase.isNegative()) {
      throw new IllegalArgumentException(
          "faxbridge.ringcentral.rate-limits.call-retry-base must not be negative, was "
              + callRetryBase);
    }
  }
}
