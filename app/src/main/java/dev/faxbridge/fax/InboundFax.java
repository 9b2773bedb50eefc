package dev.faxbridge.fax;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.provider.Acknowledgement;
import dev.faxbridge.provider.ListedFax;
import dev.faxbridge.tenant.TenantId;
import java.time.Instant;
import java.util.UUID;

/**
 * A ledger row: a fax document, where it came from and how far it has come.
 *
 * @param source the fax as the provider listed it (with PHI: never log it whole)
 * @param deliveredTo where the destination put it (a file name, a resource id)
 * @param size the staged or delivered document's size; with {@code sha256}, set once downloaded
 * @param acknowledgement the acknowledgement at the source owed once delivered, null for none
 */
public record InboundFax(
    UUID id,
    TenantId tenantId,
    ConnectionId connectionId,
    ListedFax source,
    FaxState state,
    Long size,
    String sha256,
    String deliveredTo,
    int attempts,
    Instant nextAttemptAt,
    String lastError,
    Instant discoveredAt,
    Instant deliveredAt,
    Acknowledgement acknowledgement) {

  /**
   * A stable key for the fax, used as the idempotency key at destinations: {@link ListedFax#key()}.
   */
  public String sourceKey() {
    return source.key();
  }

  @Override
  public String toString() {
    return "InboundFax[id=" + id + ", state=" + state + ", source=" + source + "]";
  }
}
