package dev.faxbridge.sync;

/**
 * What one sync of a connection did.
 *
 * @param outcome COMPLETED, SKIPPED (connection not active), RATE_LIMITED, UNAUTHORIZED,
 *     INTERRUPTED (a provider failure ended the run early; the next run continues) or STOPPED (this
 *     node is shutting down; any node continues at once)
 * @param batchFull the run took a full delivery batch, so more faxes may be due right now
 */
public record SyncReport(
    Outcome outcome, int mailboxes, int newFaxes, int delivered, int failed, boolean batchFull) {

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

  static SyncReport skipped() {
    return new SyncReport(Outcome.SKIPPED, 0, 0, 0, 0, false);
  }
}
