package dev.faxbridge.sync;

import java.time.Instant;

/**
 * What one sync of a connection did.
 *
 * @param outcome COMPLETED, SKIPPED (connection not active), RATE_LIMITED, UNAUTHORIZED,
 *     INTERRUPTED (a provider failure ended the run early; the next run continues) or STOPPED (this
 *     node is shutting down; any node continues at once)
 * @param batchFull the run stopped at its delivery limit with more faxes due right now
 * @param problem what ended the run early, in a few words (no PHI, no secret); null when nothing
 *     did
 * @param resumeAt for a RATE_LIMITED run, when the provider's budget opens again: the run gave its
 *     thread back instead of waiting, and the next run starts then; null otherwise
 */
public record SyncReport(
    Outcome outcome,
    int mailboxes,
    int newFaxes,
    int delivered,
    int failed,
    boolean batchFull,
    String problem,
    Instant resumeAt) {

  public SyncReport(
      Outcome outcome, int mailboxes, int newFaxes, int delivered, int failed, boolean batchFull) {
    this(outcome, mailboxes, newFaxes, delivered, failed, batchFull, null, null);
  }

  /** Whether the connection should be synced again at once rather than after its interval. */
  public boolean moreDueNow() {
    return outcome == Outcome.COMPLETED && batchFull;
  }

  public enum Outcome {
    COMPLETED,
    SKIPPED,
    RATE_LIMITED,
    UNAUTHORIZED,
    INTERRUPTED,
    STOPPED
  }

  SyncReport withProblem(String problem) {
    return new SyncReport(
        outcome, mailboxes, newFaxes, delivered, failed, batchFull, problem, resumeAt);
  }

  SyncReport resumingAt(Instant resumeAt) {
    return new SyncReport(
        outcome, mailboxes, newFaxes, delivered, failed, batchFull, problem, resumeAt);
  }

  static SyncReport skipped() {
    return new SyncReport(Outcome.SKIPPED, 0, 0, 0, 0, false);
  }
}
