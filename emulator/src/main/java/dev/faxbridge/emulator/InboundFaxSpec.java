package dev.faxbridge.emulator;

import java.time.Instant;

/**
 * An inbound fax to deliver into a mailbox. {@code receivedAt} null means "now" on the emulator
 * clock. {@code contentType} is {@code application/pdf} or {@code image/tiff} (CCITT G4). {@code
 * minimumSize} &gt; 0 pads the document to at least that many bytes (large-document tests); the
 * document stays valid and keeps {@code pageCount} pages. {@code attachments} (1 to 10) is how many
 * documents the fax has, each with its own attachment id and content URI, each {@code pageCount}
 * pages long and each with bytes of its own.
 */
public record InboundFaxSpec(
    String from,
    String to,
    int pageCount,
    Instant receivedAt,
    String contentType,
    long minimumSize,
    String senderName,
    int attachments) {

  public static final String PDF = "application/pdf";
  public static final String TIFF = "image/tiff";

  public InboundFaxSpec {
    if (pageCount < 1 || pageCount > 500) {
      throw new IllegalArgumentException("page count must be 1-500, got " + pageCount);
    }
    contentType = contentType == null ? PDF : contentType;
    if (!contentType.equals(PDF) && !contentType.equals(TIFF)) {
      throw new IllegalArgumentException("content type must be PDF or TIFF: " + contentType);
    }
    if (from == null || to == null) {
      throw new IllegalArgumentException("from and to numbers are required");
    }
    if (attachments < 1 || attachments > 10) {
      throw new IllegalArgumentException("attachments must be 1-10, got " + attachments);
    }
  }

  /** A fax with one document. */
  public InboundFaxSpec(
      String from,
      String to,
      int pageCount,
      Instant receivedAt,
      String contentType,
      long minimumSize,
      String senderName) {
    this(from, to, pageCount, receivedAt, contentType, minimumSize, senderName, 1);
  }

  /** A PDF fax received now. */
  public static InboundFaxSpec of(String from, String to, int pageCount) {
    return new InboundFaxSpec(from, to, pageCount, null, PDF, 0, null);
  }

  public InboundFaxSpec receivedAt(Instant at) {
    return new InboundFaxSpec(
        from, to, pageCount, at, contentType, minimumSize, senderName, attachments);
  }

  public InboundFaxSpec contentType(String type) {
    return new InboundFaxSpec(
        from, to, pageCount, receivedAt, type, minimumSize, senderName, attachments);
  }

  public InboundFaxSpec minimumSize(long bytes) {
    return new InboundFaxSpec(
        from, to, pageCount, receivedAt, contentType, bytes, senderName, attachments);
  }

  public InboundFaxSpec attachments(int count) {
    return new InboundFaxSpec(
        from, to, pageCount, receivedAt, contentType, minimumSize, senderName, count);
  }

  public InboundFaxSpec senderName(String name) {
    return new InboundFaxSpec(
        from, to, pageCount, receivedAt, contentType, minimumSize, name, attachments);
  }
}
