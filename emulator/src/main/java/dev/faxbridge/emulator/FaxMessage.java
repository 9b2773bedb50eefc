package dev.faxbridge.emulator;

import java.time.Instant;
import java.util.List;

/**
 * A delivered inbound fax as the platform stores it. {@code attachmentId}, {@code size}, {@code
 * contentType} and {@code sha256} (the lowercase hex digest of the bytes, so tests can check what a
 * client downloaded) describe its first document; {@code pageCount} counts the pages of all; {@code
 * attachments} lists every document, the first included.
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
    String sha256,
    List<Attachment> attachments) {

  /** One document of the fax, as its attachment id names it in listings and content URIs. */
  public record Attachment(
      String id, long size, String contentType, int pageCount, String sha256) {}
}
