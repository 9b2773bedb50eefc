package dev.faxbridge.provider.ringcentral;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How faxbridge paces and retries its RingCentral calls.
 *
 * @param defaultWindow the window assumed for a group before its first {@code X-Rate-Limit-Window}
 *     header (RingCentral documents 60 s)
 * @param defaultPenalty the wait after a 429 that carries no usable {@code Retry-After} (the guide
 *     says at least 30 s; 60 s is the documented penalty)
 * @param maxWait the longest a call waits for budget; a longer wait ends the sync run as rate
 *     limited instead of holding a scheduler thread
 * @param callAttempts attempts of one idempotent call (GET, ranged download) on 5xx, reset or
 *     truncation before the failure goes to the fax's own retry schedule
 * @param callRetryBase the pause before the second attempt; doubles per attempt, with jitter
 */
@ConfigurationProperties("faxbridge.ringcentral.rate-limits")
public record RateLimitSettings(
    @DefaultValue("60s") Duration defaultWindow,
    @DefaultValue("60s") Duration defaultPenalty,
    @DefaultValue("90s") Duration maxWait,
    @DefaultValue("3") int callAttempts,
    @DefaultValue("250ms") Duration callRetryBase) {

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
    if (callRetryBase.isNegative()) {
      throw new IllegalArgumentException(
          "faxbridge.ringcentral.rate-limits.call-retry-base must not be negative, was "
              + callRetryBase);
    }
  }
}
