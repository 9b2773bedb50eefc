package dev.faxbridge.delivery;

/** What became of a delivery attempt. */
public sealed interface DeliveryOutcome {

  /** In the destination; {@code location} says where (a path, a resource id). */
  record Delivered(String location) implements DeliveryOutcome {}

  /** Not now (destination unreachable, disk full); try again later. */
  record RetryLater(String reason) implements DeliveryOutcome {}

  /** The destination will never take it as it is. */
  record Rejected(String reason) implements DeliveryOutcome {}
}
