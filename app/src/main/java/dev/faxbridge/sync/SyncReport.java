package dev.faxbridge.sync;

/**
 * What one sync of a connection did.
 *
 * @param outcome COMPLETED, SKIPPED (connection not active), RATE_LIMITED, UNAUTHORIZED or
 *     INTERRUPTED (a provider failure ended the run early; the next run continues)
 */
public record SyncReport(Outcome outcome, int mailboxes, int newFaxes, int delivered, int failed) {

  public enum Outcome {
    COMPLETED,
    SKIPPED,
    RATE_LIMITED,
    UNAUTHORIZED,
    INTERRUPTED
  }

  static SyncReport skipped() {
    return new SyncReport(Outcome.SKIPPED, 0, 0, 0, 0);
  }
}
