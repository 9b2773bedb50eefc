package dev.faxbridge.emulator;

/**
 * The platform's documented throttling groups with their default limits per (app, user) and window.
 * {@link #NONE} marks emulator-only endpoints (the control API) that are never throttled.
 */
enum RateLimitGroup {
  LIGHT("Light", 50),
  MEDIUM("Medium", 40),
  HEAVY("Heavy", 10),
  AUTH("Auth", 5),
  NONE("NoThrottling", 0);

  private final String headerValue;
  private final int defaultLimit;

  RateLimitGroup(String headerValue, int defaultLimit) {
    this.headerValue = headerValue;
    this.defaultLimit = defaultLimit;
  }

  String headerValue() {
    return headerValue;
  }

  int defaultLimit() {
    return defaultLimit;
  }
}
