package dev.faxbridge.provider;

import java.net.URI;
import java.time.Instant;

/**
 * One fax document as the provider lists it. Phone numbers are PHI: never log them.
 *
 * @param receivedAt when the provider received it; null only with a {@code defect}
 * @param declaredSize the size the provider announces, or null when it announces none
 * @param documentUri where the document is downloaded from, exactly as the provider gave it; null
 *     only with a {@code defect}
 * @param defect why the provider's record of this fax cannot be used as it is (no document uri, no
 *     valid receive time), or null when it can. A defective record is still listed, so that it
 *     becomes this one fax's failure instead of failing the whole listing.
 * @param senderName the sender's name when the platform gives one (any script, unaltered), or null;
 *     PHI like the numbers
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
    URI documentUri,
    String defect,
    String senderName) {

  /** A fax whose platform gives no sender's name. */
  public ListedFax(
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
      URI documentUri,
      String defect) {
    this(
        accountId,
        mailboxId,
        messageId,
        attachmentId,
        receivedAt,
        fromNumber,
        toNumber,
        pageCount,
        contentType,
        declaredSize,
        documentUri,
        defect,
        null);
  }

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
