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

  /**
   * The path of the first document's content, as its attachment's URI names it on the media host.
   */
  public String contentPath() {
    return "/restapi/v1.0/account/"
        + accountId
        + "/extension/"
        + extensionId
        + "/message-store/"
        + messageId
        + "/content/"
        + attachmentId;
  }

  /** One document of the fax, as its attachment id names it in listings and content URIs. */
  public record Attachment(
      String id, long size, String contentType, int pageCount, String sha256) {}
}
