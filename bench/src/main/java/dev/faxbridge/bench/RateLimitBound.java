package dev.faxbridge.bench;

import java.time.Duration;

/**
 * The fastest one connection can make its calls under RingCentral's sliding windows, ignoring
 * latency: of any {@code limit + 1} consecutive calls of a group the last comes at least one window
 * after the first, so call {@code k} (from 0) cannot come before {@code floor(k / limit)} windows,
 * and the last of {@code calls} not before {@code floor((calls - 1) / limit)} windows. Groups are
 * separate buckets, so the connection's bound is its slowest group; connections (tenants) are
 * separate buckets too, so a drain's bound is its slowest connection.
 *
 * @param group the group that sets the bound
 * @param calls the calls of that group one connection needs
 * @param limit that group's limit per window
 * @param minimum the bound
 */
record RateLimitBound(String group, int calls, int limit, Duration minimum) {

  static final int LIGHT = 50;
  static final int MEDIUM = 40;
  static final int AUTH = 5;

  /** RingCentral's default page size for faxbridge's message-store listings. */
  static final int PAGE_SIZE = 1000;

  /**
   * The calls a new connection with {@code mailboxes} mailboxes of {@code faxesPerMailbox} faxes
   * needs at the least: Auth one JWT exchange; Light the onboarding's own-extension read plus one
   * message-store page per {@value #PAGE_SIZE} faxes per mailbox; Medium one extension list plus
   * one content download per fax.
   */
  static RateLimitBound forBacklog(int mailboxes, int faxesPerMailbox, Duration window) {
    int pages = Math.max(1, (faxesPerMailbox + PAGE_SIZE - 1) / PAGE_SIZE);
    RateLimitBound auth = of("Auth", 1, AUTH, window);
    RateLimitBound light = of("Light", 1 + mailboxes * pages, LIGHT, window);
    RateLimitBound medium = of("Medium", 1 + mailboxes * faxesPerMailbox, MEDIUM, window);
    RateLimitBound slowest = auth;
    for (RateLimitBound b : new RateLimitBound[] {light, medium}) {
      if (b.minimum.compareTo(slowest.minimum) >= 0) {
        slowest = b;
      }
    }
    return slowest;
  }

  static RateLimitBound of(String group, int calls, int limit, Duration window) {
    long windows = calls <= 0 ? 0 : (calls - 1) / limit;
    return new RateLimitBound(group, calls, limit, window.multipliedBy(windows));
  }
}
