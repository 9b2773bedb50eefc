package dev.faxbridge.emulator;

import java.time.Instant;

/**
 * One inbound fax in a mailbox. Immutable: changes (read status, availability) replace the record
 * and move {@code lastModifiedTime}. {@code changedAt} is when the store last changed it on the
 * emulator clock (its arrival, for a fax delivered with a past receive time): message sync compares
 * it with the sync time, so a back-dated fax still counts as new.
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
    long attachmentId,
    StoredDocument document,
    Instant changedAt) {

  StoredFax withReadStatus(String status, Instant now) {
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
        status,
        availability,
        attachmentId,
        document,
        now);
  }

  StoredFax withAvailability(String value, Instant now) {
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
        value,
        attachmentId,
        document,
        now);
  }

  boolean hasContent() {
    return !availability.equals("Purged");
  }
}
