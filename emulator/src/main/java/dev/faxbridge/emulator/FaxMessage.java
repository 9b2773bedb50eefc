package dev.faxbridge.emulator;

import java.time.Instant;

/**
 * A delivered inbound fax as the platform stores it. {@code sha256} is the lowercase hex digest of
 * the document bytes, so tests can check what a client downloaded.
 */
public record FaxMessage(
    String messageId,
    String attachmentId,
    Instant creationTime,
    long size,
    String contentType,
    int pageCount,
    String accountId,
    String extensionId,
    String sha256) {}
