package dev.faxbridge.delivery;

/**
 * Somewhere a tenant's faxes go. Implementations are thread-safe.
 *
 * <p>Every destination recognises a delivery it already completed. Before writing, it checks
 * whether this fax (its {@link dev.faxbridge.fax.InboundFax#sourceKey() source key}) with this
 * document (its SHA-256) is already there; if so it returns {@link DeliveryOutcome.Delivered} with
 * the earlier location and changes nothing (no file rewritten, no second resource, message or
 * request). The sync engine may call {@link #deliver} again for a fax it already delivered: after a
 * crash between the delivery and the ledger's commit, or when a sync outlived its claim and another
 * took the fax over. A destination that cannot look (a fire-and-forget endpoint) must hand the
 * source key to the receiver as an idempotency key the receiver honours.
 */
public interface Destination {

  /** Delivers one document; never throws for an expected failure, it returns an outcome. */
  DeliveryOutcome deliver(FaxDocument document);
}
