package dev.faxbridge.bench;

import dev.faxbridge.emulator.LoggedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How often each mailbox was really polled: the gaps between consecutive message-store listings of
 * one mailbox by a sync (a sync lists each mailbox once, with a {@code dateFrom} window; the
 * onboarding's one-record probe of each mailbox has none and is left out). faxbridge schedules the
 * next sync one interval after a sync ends, so a gap is the interval plus the sync's own duration
 * plus how late it started. Counting gaps per mailbox, rather than listings per second in a window,
 * is not skewed by where the window cuts the cycle.
 *
 * @param mailboxesPolledTwice mailboxes with at least two listings, the ones that give a gap
 * @param gaps gaps measured
 * @param mean the mean gap
 * @param p99 the 99th-percentile gap
 * @param max the longest gap
 */
record PollPeriods(int mailboxesPolledTwice, int gaps, Duration mean, Duration p99, Duration max) {

  private static final Pattern LISTING = Pattern.compile("/extension/(\\d+)/message-store$");

  static PollPeriods of(List<LoggedRequest> log, Set<String> mailboxes) {
    Map<String, List<Instant>> listings = new HashMap<>();
    for (LoggedRequest r : log) {
      Matcher m = LISTING.matcher(r.path());
      boolean syncListing = r.query() != null && r.query().contains("dateFrom=");
      if (r.status() == 200 && syncListing && m.find() && mailboxes.contains(m.group(1))) {
        listings.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(r.at());
      }
    }
    List<Long> gaps = new ArrayList<>();
    int polledTwice = 0;
    for (List<Instant> times : listings.values()) {
      Collections.sort(times);
      if (times.size() >= 2) {
        polledTwice++;
      }
      for (int i = 1; i < times.size(); i++) {
        gaps.add(Duration.between(times.get(i - 1), times.get(i)).toMillis());
      }
    }
    if (gaps.isEmpty()) {
      return new PollPeriods(0, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }
    Collections.sort(gaps);
    long sum = gaps.stream().mapToLong(Long::longValue).sum();
    return new PollPeriods(
        polledTwice,
        gaps.size(),
        Duration.ofMillis(sum / gaps.size()),
        Duration.ofMillis(gaps.get((int) Math.ceil(gaps.size() * 0.99) - 1)),
        Duration.ofMillis(gaps.get(gaps.size() - 1)));
  }

  /** Polls per second the node sustains for {@code mailboxes} mailboxes at the mean period. */
  double pollsPerSecond(int mailboxes) {
    return mean.isZero() ? 0 : mailboxes * 1000.0 / mean.toMillis();
  }
}
