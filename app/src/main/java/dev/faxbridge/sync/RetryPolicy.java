package dev.faxbridge.sync;

import dev.faxbridge.platform.Backoff;
import java.time.Duration;
import java.time.Instant;

/**
 * When a failed fax (or acknowledgement) is tried again: faxbridge's {@link Backoff} with full
 * jitter, and when to give up.
 */
record RetryPolicy(Backoff backoff, int maxAttempts) {

  RetryPolicy(Duration base, Duration max, int maxAttempts) {
    // A base above the cap waits the cap every time, as the cap says.
    this(new Backoff(base.compareTo(max) > 0 ? max : base, max), maxAttempts);
  }

  boolean exhaustedAfter(int attemptsSoFar) {
    return attemptsSoFar >= maxAttempts;
  }

  /** When to try again after the {@code attempt}-th failure (1-based). */
  Instant nextAttempt(Instant now, int attempt) {
    return now.plus(backoff.jitteredAfter(attempt));
  }
}
