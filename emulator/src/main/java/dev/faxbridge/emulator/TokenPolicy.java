package dev.faxbridge.emulator;

import java.time.Duration;

/**
 * Lifetimes and limits of OAuth sessions. Defaults are the platform's documented ones: access 1 h,
 * refresh 7 d, a repeated refresh answered with the same pair for 10 s after the new access token
 * was first used (60 min while it is unused), 5 parallel sessions per user and app.
 */
record TokenPolicy(
    Duration accessLifetime,
    Duration refreshLifetime,
    Duration refreshGrace,
    Duration unusedRefreshGrace,
    int maxSessionsPerUserAndApp) {

  static final TokenPolicy DEFAULTS =
      new TokenPolicy(
          Duration.ofHours(1),
          Duration.ofDays(7),
          Duration.ofSeconds(10),
          Duration.ofMinutes(60),
          5);

  TokenPolicy {
    if (accessLifetime.isNegative()
        || accessLifetime.isZero()
        || refreshLifetime.isNegative()
        || refreshLifetime.isZero()) {
      throw new IllegalArgumentException(
          "token lifetimes must be positive: " + accessLifetime + ", " + refreshLifetime);
    }
    if (maxSessionsPerUserAndApp < 1) {
      throw new IllegalArgumentException("at least one session: " + maxSessionsPerUserAndApp);
    }
  }

  TokenPolicy withLifetimes(Duration access, Duration refresh) {
    return new TokenPolicy(
        access, refresh, refreshGrace, unusedRefreshGrace, maxSessionsPerUserAndApp);
  }
}
