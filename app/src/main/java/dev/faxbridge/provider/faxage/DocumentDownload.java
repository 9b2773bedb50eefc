package dev.faxbridge.provider.faxage;

import dev.faxbridge.platform.FileAccess;
import dev.faxbridge.provider.DocumentDigest;
import dev.faxbridge.provider.DocumentType;
import dev.faxbridge.provider.DownloadedDocument;
import dev.faxbridge.provider.ProviderException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Streams a fax document to a staging file and checks it on the way: the type by its leading bytes
 * (Faxage's {@code getfax} announces none we can rely on), the length against {@code
 * Content-Length}, that a PDF ends with its end-of-file marker (Faxage lists no document size, so
 * this is what catches a PDF cut short with a consistent length), and the SHA-256 of exactly the
 * bytes written. An error page, an empty answer or a cut-off transfer is never taken for a fax. The
 * copy and what it learns on the way are {@link DocumentDigest}'s, shared with RingCentral's
 * resumable download; the checks are Faxage's.
 */
final class DocumentDownload {

  /** Enough leading bytes to tell the document types apart. */
  static final int HEAD = DocumentDigest.HEAD;

  private DocumentDownload() {}

  /**
   * Copies {@code body} to {@code target} (made anew, owner-only). {@code announcedLength} is the
   * {@code Content-Length} or -1; {@code announcedType} the {@code Content-Type} without
   * parameters, or null. On failure the file may hold a partial document that the caller discards.
   */
  static DownloadedDocument save(
      InputStream body, Path target, long announcedLength, String announcedType, String what)
      throws IOException {
    DocumentDigest digest = new DocumentDigest();
    FileAccess.OWNER_ONLY.createEmptyFile(target);
    try (OutputStream out =
        Files.newOutputStream(
            target, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      digest.copy(body, out);
    }
    long received = digest.received();
    if (received == 0) {
      throw new ProviderException.Unavailable(what + " answered no document");
    }
    if (announcedLength >= 0 && received != announcedLength) {
      throw new ProviderException.Unavailable(
          what + " was cut off: received " + received + " of " + announcedLength + " bytes");
    }
    String type = digest.type();
    if (type == null) {
      throw new ProviderException.Unavailable(
          what + " answered " + received + " bytes that are neither a PDF nor a TIFF document");
    }
    if (type.equals(DocumentType.PDF) && !digest.endsLikeAPdf()) {
      throw new ProviderException.Unavailable(
          what + " answered a PDF without its end-of-file marker: the document is cut short");
    }
    if (DocumentType.isFaxDocument(announcedType) && !type.equals(announcedType)) {
      throw new ProviderException.Unavailable(
          what + " announced " + announcedType + " but answered a " + type + " document");
    }
    return new DownloadedDocument(target, received, digest.sha256(), type);
  }
}
