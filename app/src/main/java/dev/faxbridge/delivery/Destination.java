package dev.faxbridge.delivery;

/** Somewhere a tenant's faxes go. Implementations are thread-safe and idempotent by source key. */
public interface Destination {

  /** Delivers one document; never throws for an expected failure, it returns an outcome. */
  DeliveryOutcome deliver(FaxDocument document);
}
