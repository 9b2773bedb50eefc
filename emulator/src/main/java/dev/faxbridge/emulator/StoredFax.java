package dev.faxbridge.emulator;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One inbound fax in a mailbox, with one document per attachment (usually one). Immutable: changes
 * (read status, availability) replace the record and move {@code lastModifiedTime}. {@code
 * changedAt} is when the store last changed it on the emulator clock (its arrival, for a fax
 * delivered with a past receive time): message sync compares it with the sync time, so a back-dated
 * fax still counts as new.
 */
record StoredFax(
    long id,
    String accountId,
    String extensionId,
    String from,
    String fromName,
    String to,
    String toName,
    Instant creationTime,
    Instant lastModifiedTime,
    String readStatus,
    String availability,
    List<StoredAttachment> attachments,
    Instant changedAt) {

  StoredFax withReadStatus(String status, Instant now) {
    return changed(status, availability, now);
  }

  StoredFax withAvailability(String value, Instant now) {
    return changed(readStatus, value, now);
  }

  /**
   * This fax with its read status and availability as given, modified and changed at {@code now}.
   */
  private StoredFax changed(String readStatus, String availability, Instant now) {
    return new StoredFax(
        id,
        accountId,
        extensionId,
        from,
        fromName,
        to,
        toName,
        creationTime,
        now,
        readStatus,
        availability,
        attachments,
        now);
  }

  /** The fax's pages: those of all its documents. */
  int pageCount() {
    return attachments.stream().mapToInt(a -> a.document().pageCount()).sum();
  }

  Optional<StoredAttachment> attachment(String id) {
    return attachments.stream().filter(a -> Long.toString(a.id()).equals(id)).findFirst();
  }

  boolean hasContent() {
    return !availability.equals("Purged");
  }
}
