package dev.faxbridge.provider.faxage;

import dev.faxbridge.platform.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps calls of one Faxage login apart: at least {@code minInterval} between two calls, and after
 * each failed call a pause that doubles per consecutive failure up to {@code backoffMax}. Faxage
 * publishes no rate limit; this is politeness, not a budget. Concurrent callers of one login are
 * given successive turns. Thread-safe.
 */
final class FaxagePacing {

  /** Waits; the real one sleeps, tests move a clock instead. */
  @FunctionalInterface
  interface Pause {
    void sleep(Duration duration) throws InterruptedException;

    Pause SLEEP = duration -> Thread.sleep(duration.toMillis());
  }

  private final Clock clock;
  private final FaxageSettings settings;
  private final Pause pause;
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

  FaxagePacing(Clock clock, FaxageSettings settings, Pause pause) {
    this.clock = clock;
    this.settings = settings;
    this.pause = pause;
  }

  /** Waits for this login's next turn and takes it. */
  void awaitTurn(String login) throws InterruptedException {
    Lane lane = lanes.computeIfAbsent(login, l -> new Lane());
    Duration wait;
    synchronized (lane) {
      Instant now = clock.instant();
      Instant turn = lane.next.isAfter(now) ? lane.next : now;
      lane.next = turn.plus(settings.minInterval());
      wait = Duration.between(now, turn);
    }
    if (!wait.isZero()) {
      pause.sleep(wait);
    }
  }

  /** The call succeeded: the next failure starts the backoff again from its base. */
  void succeeded(String login) {
    Lane lane = lanes.computeIfAbsent(login, l -> new Lane());
    synchronized (lane) {
      lane.failures = 0;
    }
  }

  /** The call failed: the login's next turn is at least the backoff away. Returns that backoff. */
  Duration failed(String login) {
    Lane lane = lanes.computeIfAbsent(login, l -> new Lane());
    synchronized (lane) {
      lane.failures++;
      Duration backoff = backoff(lane.failures);
      Instant earliest = clock.instant().plus(backoff);
      if (earliest.isAfter(lane.next)) {
        lane.next = earliest;
      }
      return backoff;
    }
  }

  private Duration backoff(int failures) {
    return new Backoff(settings.backoffBase(), settings.backoffMax()).after(failures);
  }

  private static final class Lane {
    Instant next = Instant.MIN;
    int failures;
  }
}
