package dev.faxbridge.provider;

/**
 * What faxbridge does to a fax at the source once it is delivered, chosen per tenant. Never before
 * delivery: a fax marked read or deleted at the source and then lost on the way would be invisible
 * to the clinic's staff.
 */
public enum Acknowledgement {
  /** Leave the fax as it is (the default): staff keep seeing it as they did. */
  NONE,
  /** Mark it read, so staff see which faxes reached the EHR. */
  MARK_READ,
  /** Move it to the provider's trash (RingCentral keeps it restorable as Deleted). */
  DELETE
}
