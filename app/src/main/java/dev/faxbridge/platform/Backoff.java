package dev.faxbridge.platform;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * faxbridge's one backoff, used by sync (fax and acknowledgement retries), notifications and both
 * providers' call retries: after the n-th consecutive failure the pause is {@code base} doubled n-1
 * times, never more than {@code max}. {@link #jitteredAfter} spreads it between half and all of
 * that, for retries that many faxes or nodes make at once.
 *
 * @param max the longest pause; null for none short of doubling twenty times
 */
public record Backoff(Duration base, Duration max) {

  private static final int MAX_DOUBLINGS = 20;

  public Backoff {
    if (base == null || base.isNegative()) {
      throw new IllegalArgumentException("a backoff's base must not be negative, was " + base);
    }
    if (max != null && max.compareTo(base) < 0) {
      throw new IllegalArgumentException(
          "a backoff's max (" + max + ") must be at least its base (" + base + ")");
    }
  }

  /** Doubling from {@code base} without a cap short of twenty doublings. */
  public static Backoff doubling(Duration base) {
    return new Backoff(base, null);
  }

  /** The pause after the {@code failures}-th consecutive failure (1-based). */
  public Duration after(int failures) {
    Duration pause = base.multipliedBy(1L << Math.min(Math.max(failures, 1) - 1, MAX_DOUBLINGS));
    return max != null && pause.compareTo(max) > 0 ? max : pause;
  }

  /** {@link #after} with full jitter between half and all of it (millisecond steps). */
  public Duration jitteredAfter(int failures) {
    long delay = after(failures).toMillis();
    return Duration.ofMillis(delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1));
  }
}
