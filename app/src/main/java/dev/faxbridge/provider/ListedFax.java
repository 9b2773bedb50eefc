package dev.faxbridge.provider;

import java.net.URI;
import java.time.Instant;

/**
 * One fax document as the provider lists it. Phone numbers are PHI: never log them.
 *
 * @param declaredSize the size the provider announces, or null when it announces none
 * @param documentUri where the document is downloaded from, exactly as the provider gave it
 */
public record ListedFax(
    String accountId,
    String mailboxId,
    String messageId,
    String attachmentId,
    Instant receivedAt,
    String fromNumber,
    String toNumber,
    Integer pageCount,
    String contentType,
    Long declaredSize,
    URI documentUri) {

  @Override
  public String toString() {
    return "ListedFax[account="
        + accountId
        + ", mailbox="
        + mailboxId
        + ", message="
        + messageId
        + ", attachment="
        + attachmentId
        + "]";
  }
}
