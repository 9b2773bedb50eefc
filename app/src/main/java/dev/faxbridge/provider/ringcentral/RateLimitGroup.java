package dev.faxbridge.provider.ringcentral;

import java.util.Locale;

/**
 * RingCentral's throttling groups with their documented default limits per (app, user) and
 * 60-second window. The limits only seed a budget until the first {@code X-Rate-Limit-*} headers of
 * that group arrive; the headers win, since RingCentral may raise or lower them per app.
 */
enum RateLimitGroup {
  LIGHT(50),
  MEDIUM(40),
  HEAVY(10),
  AUTH(5);

  private final int defaultLimit;

  RateLimitGroup(int defaultLimit) {
    this.defaultLimit = defaultLimit;
  }

  int defaultLimit() {
    return defaultLimit;
  }

  /** The tag value in metrics: the group as RingCentral names it in headers, lower-case. */
  String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
