package dev.faxbridge.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The platform's user-level rate limits: a sliding window per (app, user, group). Exceeding the
 * limit starts a penalty; every request that arrives during the penalty is refused and restarts it
 * (the "429 trap" of the guide). Thread-safe.
 */
final class RateLimits {

  private final Clock clock;
  private final Map<String, Bucket> buckets = new HashMap<>();
  private final Map<RateLimitGroup, Integer> limits = new EnumMap<>(RateLimitGroup.class);
  private Duration window = Duration.ofSeconds(60);
  private Duration penalty = Duration.ofSeconds(60);
  private boolean enabled = true;

  RateLimits(Clock clock) {
    this.clock = clock;
    for (RateLimitGroup group : RateLimitGroup.values()) {
      limits.put(group, group.defaultLimit());
    }
  }

  /** The verdict for one request: remaining budget, or refusal with the seconds to wait. */
  record Verdict(
      RateLimitGroup group, int limit, int remaining, Duration window, Duration retryAfter) {
    boolean allowed() {
      return retryAfter == null;
    }
  }

  synchronized void configure(
      Duration window, Duration penalty, Map<RateLimitGroup, Integer> limits, boolean enabled) {
    if (window != null) {
      this.window = window;
    }
    if (penalty != null) {
      this.penalty = penalty;
    }
    if (limits != null) {
      this.limits.putAll(limits);
    }
    this.enabled = enabled;
  }

  synchronized Duration window() {
    return window;
  }

  synchronized Duration penalty() {
    return penalty;
  }

  synchronized boolean enabled() {
    return enabled;
  }

  synchronized Verdict admit(String clientId, String userId, RateLimitGroup group) {
    int limit = limits.get(group);
    if (!enabled) {
      return new Verdict(group, limit, limit, window, null);
    }
    Instant now = clock.instant();
    Bucket bucket =
        buckets.computeIfAbsent(clientId + "|" + userId + "|" + group, k -> new Bucket());
    if (bucket.penaltyUntil != null && now.isBefore(bucket.penaltyUntil)) {
      bucket.penaltyUntil = now.plus(penalty);
      return new Verdict(group, limit, 0, window, penalty);
    }
    bucket.penaltyUntil = null;
    Instant horizon = now.minus(window);
    while (!bucket.arrivals.isEmpty() && !bucket.arrivals.peekFirst().isAfter(horizon)) {
      bucket.arrivals.pollFirst();
    }
    if (bucket.arrivals.size() >= limit) {
      bucket.penaltyUntil = now.plus(penalty);
      return new Verdict(group, limit, 0, window, penalty);
    }
    bucket.arrivals.addLast(now);
    return new Verdict(group, limit, limit - bucket.arrivals.size(), window, null);
  }

  synchronized void reset() {
    buckets.clear();
  }

  private static final class Bucket {
    final Deque<Instant> arrivals = new ArrayDeque<>();
    Instant penaltyUntil;
  }
}
