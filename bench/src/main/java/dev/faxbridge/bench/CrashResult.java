package dev.faxbridge.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a crash run found once emulator, drop folder and ledger were reconciled.
 *
 * @param seed the seed of the random kill moments, to repeat a run
 * @param kills the trials that ended in a kill, in order
 * @param faxes fax documents the emulator received during the run
 * @param lost documents not delivered, or delivered with other bytes, or not recorded as delivered
 * @param duplicated extra sidecars or ledger rows for one document, and pairs for no sent document
 * @param rewritten complete pairs replaced after they were first seen (new inode or mtime)
 * @param resumes for each restart (and each take-over by the second node): the time from the
 *     restart (the kill) to the next listing of the clinic's mailboxes in the emulator's log
 * @param stall why the run stopped early (nothing resumed, nothing drained), or null
 */
record CrashResult(
    long seed,
    List<CrashTrial> kills,
    int faxes,
    int lost,
    int duplicated,
    int rewritten,
    List<Duration> resumes,
    String stall) {

  Duration maxResume() {
    return resumes.stream().max(Duration::compareTo).orElse(Duration.ZERO);
  }

  long resumesOver(Duration limit) {
    return resumes.stream().filter(d -> d.compareTo(limit) > 0).count();
  }

  /** How many kills each kill point had, by label. */
  Map<String, Integer> killsByPoint() {
    Map<String, Integer> counts = new TreeMap<>();
    kills.forEach(k -> counts.merge(k.label(), 1, Integer::sum));
    return counts;
  }
}
