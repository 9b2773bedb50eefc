package dev.faxbridge.fax;

/** How far a fax has come. */
public enum FaxState {
  /** Listed by the provider and recorded; not yet delivered. */
  DISCOVERED,
  /** Downloaded to staging and verified; delivery is next. */
  DOWNLOADED,
  /** In the tenant's destination. */
  DELIVERED,
  /** Delivered, and acknowledged at the source (marked read or deleted there). */
  ACKNOWLEDGED,
  /** The last attempt failed; another is due at {@code nextAttemptAt}. */
  FAILED,
  /** Given up after too many attempts, or gone at the provider; an operator must look. */
  ABANDONED;

  public boolean isPending() {
    return this == DISCOVERED || this == DOWNLOADED || this == FAILED;
  }
}
