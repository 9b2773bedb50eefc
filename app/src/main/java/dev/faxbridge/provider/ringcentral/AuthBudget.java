package dev.faxbridge.provider.ringcentral;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.provider.ProviderException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Token-endpoint calls per connection in the last minute, on this node. A call beyond the budget is
 * not sent: it fails as {@link ProviderException.RateLimited}, which callers treat as transient, so
 * faxbridge never trips RingCentral's Auth group (whose penalty would block the clinic's user).
 * Thread-safe.
 */
final class AuthBudget {

  private static final Duration WINDOW = Duration.ofMinutes(1);

  private final int perMinute;
  private final Clock clock;
  private final Map<ConnectionId, Deque<Instant>> calls = new HashMap<>();

  AuthBudget(int perMinute, Clock clock) {
    this.perMinute = perMinute;
    this.clock = clock;
  }

  /** Takes one call from the connection's budget, or throws when the minute's budget is spent. */
  synchronized void spend(ConnectionId connection) {
    Instant now = clock.instant();
    Deque<Instant> recent = calls.computeIfAbsent(connection, id -> new ArrayDeque<>());
    while (!recent.isEmpty() && !recent.peekFirst().plus(WINDOW).isAfter(now)) {
      recent.removeFirst();
    }
    if (recent.size() >= perMinute) {
      Duration wait = Duration.between(now, recent.peekFirst().plus(WINDOW));
      throw new ProviderException.RateLimited(
          "Connection " + connection + " used its " + perMinute + " token calls of this minute",
          wait);
    }
    recent.addLast(now);
  }
}
