package dev.faxbridge.admin;

import dev.faxbridge.fax.FaxLedger;
import dev.faxbridge.fax.FaxState;
import dev.faxbridge.fax.InboundFax;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

/**
 * A ledger row as every call of the operator API shows it: where it came from and how far it got,
 * never its content. Phone numbers are masked to their last two digits unless an operator asked for
 * them ({@code GET /api/faxes/{faxId}?reveal=phoneNumbers}, audited).
 */
record FaxView(
    String id,
    String tenantId,
    String connectionId,
    String sourceKey,
    String mailboxId,
    String messageId,
    String attachmentId,
    String state,
    Instant receivedAt,
    Integer pageCount,
    Long size,
    String sha256,
    int attempts,
    String lastError,
    Instant nextAttemptAt,
    String deliveredTo,
    Instant deliveredAt,
    String fromNumber,
    String toNumber) {

  static FaxView of(InboundFax fax) {
    return of(fax, false);
  }

  static FaxView of(InboundFax fax, boolean reveal) {
    return new FaxView(
        fax.id().toString(),
        fax.tenantId().toString(),
        fax.connectionId().toString(),
        fax.sourceKey(),
        fax.source().mailboxId(),
        fax.source().messageId(),
        fax.source().attachmentId(),
        fax.state().name(),
        fax.source().receivedAt(),
        fax.source().pageCount(),
        fax.size(),
        fax.sha256(),
        fax.attempts(),
        fax.lastError(),
        fax.state().isPending() ? fax.nextAttemptAt() : null,
        fax.deliveredTo(),
        fax.deliveredAt(),
        reveal ? fax.source().fromNumber() : mask(fax.source().fromNumber()),
        reveal ? fax.source().toNumber() : mask(fax.source().toNumber()));
  }

  static String mask(String number) {
    if (number == null) {
      return null;
    }
    return number.length() <= 4 ? "***" : "***" + number.substring(number.length() - 2);
  }

  /** The position of a fax in the newest-first ledger order, for a cursor. */
  static String position(InboundFax fax) {
    return fax.source().receivedAt() + "|" + fax.id();
  }

  /** One page of the ledger as the API answers it. */
  static Paging.Page<FaxView> page(
      FaxLedger ledger, FaxLedger.Filter filter, String cursor, Integer limit, String list) {
    int size = Paging.limit(limit);
    String position = Paging.position(cursor, list);
    FaxLedger.After after = null;
    if (position != null) {
      String[] parts = position.split("\\|", 2);
      try {
        after = new FaxLedger.After(Instant.parse(parts[0]), UUID.fromString(parts[1]));
      } catch (RuntimeException e) {
        throw Paging.notOurs(list);
      }
    }
    return Paging.page(
        ledger.page(filter, after, size + 1), size, list, FaxView::position, FaxView::of);
  }

  /** A fax state parameter (any case), or null when not given. */
  static FaxState state(String state) {
    if (state == null || state.isBlank()) {
      return null;
    }
    try {
      return FaxState.valueOf(state.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "state is one of " + Arrays.toString(FaxState.values()) + ", was '" + state + "'");
    }
  }
}
