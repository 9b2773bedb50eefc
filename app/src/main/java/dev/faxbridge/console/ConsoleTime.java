package dev.faxbridge.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the console's pages write them: UTC, to the minute, and how long ago or from now. */
public final class ConsoleTime {

  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SECOND =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final Clock clock;

  ConsoleTime(Clock clock) {
    this.clock = clock;
  }

  /** {@code 2026-12-01 05:41 UTC}, or a dash. */
  public String at(Instant instant) {
    return minute(instant);
  }

  static String minute(Instant instant) {
    return instant == null ? "—" : MINUTE.format(instant);
  }

  /** To the second, for the audit trail. */
  public String exact(Instant instant) {
    return instant == null ? "—" : SECOND.format(instant);
  }

  /** {@code 3 min ago}, {@code in 40 s}, or {@code never}. */
  public String relative(Instant instant) {
    if (instant == null) {
      return "never";
    }
    Duration between = Duration.between(clock.instant(), instant);
    String amount = amount(between.abs());
    return between.isNegative() ? amount + " ago" : "in " + amount;
  }

  /** A duration in the largest unit that keeps it readable. */
  public String amount(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds < 90) {
      return seconds + " s";
    }
    if (seconds < 90 * 60) {
      return (seconds / 60) + " min";
    }
    if (seconds < 48 * 3600) {
      return (seconds / 3600) + " h";
    }
    return (seconds / 86400) + " days";
  }
}
