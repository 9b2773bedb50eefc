package dev.faxbridge.bench;

/**
 * Where a crash trial kills faxbridge. The named points are faxbridge's pause points ({@code
 * faxbridge.testing.pause-at}): the process holds there, writes a marker, and the trial sends
 * SIGKILL. {@link #RANDOM} kills at a random moment of a sync instead.
 */
enum KillPoint {
  /** The document is renamed into place, its sidecar not yet. */
  DOCUMENT_RENAMED("document-renamed"),
  /** The drop folder holds the complete pair; the ledger does not record the delivery yet. */
  DELIVERED_NOT_RECORDED("delivered-not-recorded"),
  /** A request waits for rate-limit budget: a paced sync is under way. */
  PACED_WAIT("paced-wait"),
  /** A random moment within a few seconds of the sync's first listing. */
  RANDOM(null);

  private final String pausePoint;

  KillPoint(String pausePoint) {
    this.pausePoint = pausePoint;
  }

  /** The value of {@code faxbridge.testing.pause-at}, null for {@link #RANDOM}. */
  String pausePoint() {
    return pausePoint;
  }

  String label() {
    return pausePoint == null ? "random" : pausePoint;
  }
}
