package dev.faxbridge.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter between half and all of the delay. */
record RetryPolicy(Duration base, Duration max, int maxAttempts) {

  boolean exhaustedAfter(int attemptsSoFar) {
    return attemptsSoFar >= maxAttempts;
  }

  /** When to try again after the {@code attempt}-th failure (1-based). */
  Instant nextAttempt(Instant now, int attempt) {
    long factor = 1L << Math.min(attempt - 1, 20);
    long delay = Math.min(max.toMillis(), base.toMillis() * factor);
    long jittered = delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
    return now.plusMillis(jittered);
  }
}
