package dev.faxbridge.emulator;

import java.time.Instant;

/**
 * One inbound fax in a mailbox. Immutable: changes (read status, availability) replace the record
 * and move {@code lastModifiedTime}.
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
    StoredDocument document) {

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
        document);
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
        document);
  }

  boolean hasContent() {
    return !availability.equals("Purged");
  }
}
