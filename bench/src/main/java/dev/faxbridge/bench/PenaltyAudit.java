package dev.faxbridge.bench;

import dev.faxbridge.emulator.LoggedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one client's slice of the emulator's request log says about rate limits: calls per group,
 * 429s, and requests sent to a group during its penalty. A penalty starts with each 429 and lasts
 * {@code penalty} (the {@code Retry-After} the emulator sends); a request of the same (account,
 * group) arriving before it ends was sent during the penalty. A request belongs to the account of
 * its authenticated caller as the log records it, else to the account its path names (mailbox or
 * account id); one with neither (the token endpoint) counts as sent during a penalty when any
 * account's penalty of its group was running, which can only over-count. The log does not name the
 * app, so each slice must hold one client's requests only (the benchmark runs clients one after the
 * other).
 *
 * @param callsByGroup requests per rate-limit group
 * @param rejected answers 429
 * @param duringPenalty requests that arrived while their group was in a penalty
 */
record PenaltyAudit(Map<String, Integer> callsByGroup, int rejected, int duringPenalty) {

  private static final Pattern EXTENSION = Pattern.compile("/extension/(\\d+)");
  private static final Pattern ACCOUNT = Pattern.compile("/account/(\\d+)");

  static PenaltyAudit of(
      List<LoggedRequest> log, Map<String, String> accountOfExtension, Duration penalty) {
    List<LoggedRequest> sorted = new ArrayList<>(log);
    sorted.sort(Comparator.comparing(LoggedRequest::at));
    Map<String, Integer> calls = new TreeMap<>();
    Map<String, Instant> penaltyUntil = new HashMap<>(); // (account|group) -> end
    int rejected = 0;
    int during = 0;
    for (LoggedRequest r : sorted) {
      String group = r.rateLimitGroup();
      if ("NoThrottling".equals(group)) {
        continue;
      }
      calls.merge(group, 1, Integer::sum);
      String account =
          r.accountId() != null ? r.accountId() : accountOf(r.path(), accountOfExtension);
      boolean inPenalty =
          account != null
              ? isBefore(r.at(), penaltyUntil.get(account + "|" + group))
              : penaltyUntil.entrySet().stream()
                  .anyMatch(
                      e -> e.getKey().endsWith("|" + group) && isBefore(r.at(), e.getValue()));
      if (inPenalty) {
        during++;
      }
      if (r.status() == 429) {
        rejected++;
        String key = (account != null ? account : "?") + "|" + group;
        penaltyUntil.put(key, r.at().plus(penalty));
      }
    }
    return new PenaltyAudit(Map.copyOf(calls), rejected, during);
  }

  int calls(String group) {
    return callsByGroup.getOrDefault(group, 0);
  }

  private static boolean isBefore(Instant at, Instant end) {
    return end != null && at.isBefore(end);
  }

  private static String accountOf(String path, Map<String, String> accountOfExtension) {
    Matcher extension = EXTENSION.matcher(path);
    if (extension.find() && accountOfExtension.containsKey(extension.group(1))) {
      return accountOfExtension.get(extension.group(1));
    }
    Matcher account = ACCOUNT.matcher(path);
    return account.find() ? account.group(1) : null;
  }
}
