package dev.faxbridge.provider;

import dev.faxbridge.connection.Provider;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;

/**
 * One fax document as the provider lists it. Its identity is the provider, the account, the mailbox
 * (or line), the message and the document within it; each provider fills these from its own ids.
 * Phone numbers are PHI: never log them.
 *
 * @param receivedAt when the provider received it; null only with a {@code defect}
 * @param declaredSize the size the provider announces, or null when it announces none
 * @param documentUri where the document is downloaded from, exactly as the provider gave it; null
 *     only with a {@code defect}, or when the provider fetches documents by id (Faxage)
 * @param defect why the provider's record of this fax cannot be used as it is (no document uri, no
 *     valid receive time), or null when it can. A defective record is still listed, so that it
 *     becomes this one fax's failure instead of failing the whole listing.
 * @param senderName the sender's name when the platform gives one (any script, unaltered), or null;
 *     PHI like the numbers
 */
public record ListedFax(
    Provider provider,
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

  /**
   * A stable key for the fax, the same for every listing of it: the provider's name, then account,
   * mailbox, message and document, joined by hyphens. Used as the idempotency key at destinations
   * and as the drop folder's file name; two providers never share one.
   */
  public String key() {
    return provider.name().toLowerCase(Locale.ROOT)
        + "-"
        + accountId
        + "-"
        + mailboxId
        + "-"
        + messageId
        + "-"
        + attachmentId;
  }

  @Override
  public String toString() {
    return "ListedFax[provider="
        + provider
        + ", account="
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
