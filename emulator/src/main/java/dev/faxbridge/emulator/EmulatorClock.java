package dev.faxbridge.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The emulator's notion of now: a base clock plus an offset that tests move forward (or set) to
 * expire tokens, close rate-limit windows and age messages without sleeping. Thread-safe.
 */
public final class EmulatorClock extends Clock {

  private final Clock base;
  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  /** A clock that starts at {@code base} and moves on from it; both emulators use one. */
  public EmulatorClock(Clock base) {
    this.base = base;
  }

  /** Moves time forward by {@code amount} (must not be negative). */
  public void advance(Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("time only moves forward, got " + amount);
    }
    offset.accumulateAndGet(amount, Duration::plus);
  }

  /** Jumps to {@code instant}; later readings move on from there at the base clock's pace. */
  public void set(Instant instant) {
    offset.set(Duration.between(base.instant(), instant));
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.fixed(instant(), zone);
  }
}
