package dev.faxbridge.delivery;

import dev.faxbridge.provider.DownloadedDocument;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Optional;

/**
 * The largest document a destination takes into memory. Destinations whose protocol puts the whole
 * document into one message (a FHIR bundle, an HL7 segment) refuse a larger one with a reason
 * instead of buffering it, and never read more than the limit.
 *
 * @param maxBytes at least 1
 */
public record DocumentSizeLimit(long maxBytes) {

  /** 16 MiB: several hundred fax pages, and a bounded share of the heap per delivery. */
  public static final DocumentSizeLimit DEFAULT = new DocumentSizeLimit(16L * 1024 * 1024);

  public DocumentSizeLimit {
    if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "The document size limit must be between 1 byte and 2 GiB, was " + maxBytes);
    }
  }

  /** The refusal for a document above the limit, or empty when it fits. */
  public Optional<DeliveryOutcome.Rejected> refusal(DownloadedDocument document, String kind) {
    if (document.size() <= maxBytes) {
      return Optional.empty();
    }
    return Optional.of(
        new DeliveryOutcome.Rejected(
            "The document is "
                + document.size()
                + " bytes, above this "
                + kind
                + " destination's limit of "
                + maxBytes
                + " bytes (maxDocumentSize); raise the limit or deliver it to a folder"));
  }

  /** The document's bytes; fails rather than read past the limit if the file grew. */
  public byte[] read(DownloadedDocument document) throws IOException {
    try (InputStream in = Files.newInputStream(document.path())) {
      byte[] bytes = in.readNBytes((int) maxBytes);
      if (in.read() != -1) {
        throw new IOException("the staged document is larger than the limit of " + maxBytes);
      }
      return bytes;
    }
  }
}
