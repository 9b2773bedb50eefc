package dev.faxbridge.provider.faxage;

import dev.faxbridge.platform.FileAccess;
import dev.faxbridge.provider.DocumentType;
import dev.faxbridge.provider.DownloadedDocument;
import dev.faxbridge.provider.ProviderException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Streams a fax document to a staging file and checks it on the way: the type by its leading bytes
 * (Faxage's {@code getfax} announces none we can rely on), the length against {@code
 * Content-Length}, that a PDF ends with its end-of-file marker (Faxage lists no document size, so
 * this is what catches a PDF cut short with a consistent length), and the SHA-256 of exactly the
 * bytes written. An error page, an empty answer or a cut-off transfer is never taken for a fax.
 * Nothing here knows Faxage's protocol; see docs/faxage.md for where this should live once the SPI
 * is provider-neutral.
 */
final class DocumentDownload {

  /** Enough leading bytes to tell the document types apart. */
  static final int HEAD = 8;

  /** A PDF's {@code %%EOF} must lie within its last this many bytes (trailing whitespace, junk). */
  private static final int TAIL = 1024;

  private static final byte[] PDF_END = {'%', '%', 'E', 'O', 'F'};

  private DocumentDownload() {}

  /**
   * Copies {@code body} to {@code target} (made anew, owner-only). {@code announcedLength} is the
   * {@code Content-Length} or -1; {@code announcedType} the {@code Content-Type} without
   * parameters, or null. On failure the file may hold a partial document that the caller discards.
   */
  static DownloadedDocument save(
      InputStream body, Path target, long announcedLength, String announcedType, String what)
      throws IOException {
    MessageDigest sha256 = newDigest();
    byte[] head = new byte[HEAD];
    int headLength = 0;
    long received = 0;
    byte[] tail = new byte[TAIL];
    int tailLength = 0;
    FileAccess.OWNER_ONLY.createEmptyFile(target);
    try (OutputStream out =
        Files.newOutputStream(
            target, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = body.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        sha256.update(buffer, 0, n);
        if (headLength < HEAD) {
          int take = Math.min(n, HEAD - headLength);
          System.arraycopy(buffer, 0, head, headLength, take);
          headLength += take;
        }
        received += n;
        tailLength = keepTail(tail, tailLength, buffer, n);
      }
    }
    if (received == 0) {
      throw new ProviderException.Unavailable(what + " answered no document");
    }
    if (announcedLength >= 0 && received != announcedLength) {
      throw new ProviderException.Unavailable(
          what + " was cut off: received " + received + " of " + announcedLength + " bytes");
    }
    String type = DocumentType.of(Arrays.copyOf(head, headLength));
    if (type == null) {
      throw new ProviderException.Unavailable(
          what + " answered " + received + " bytes that are neither a PDF nor a TIFF document");
    }
    if (type.equals(DocumentType.PDF) && !contains(tail, tailLength, PDF_END)) {
      throw new ProviderException.Unavailable(
          what + " answered a PDF without its end-of-file marker: the document is cut short");
    }
    if (DocumentType.isFaxDocument(announcedType) && !type.equals(announcedType)) {
      throw new ProviderException.Unavailable(
          what + " announced " + announcedType + " but answered a " + type + " document");
    }
    return new DownloadedDocument(
        target, received, HexFormat.of().formatHex(sha256.digest()), type);
  }

  /** Appends {@code n} bytes of {@code chunk} to the rolling {@code tail}; returns its length. */
  private static int keepTail(byte[] tail, int tailLength, byte[] chunk, int n) {
    if (n >= tail.length) {
      System.arraycopy(chunk, n - tail.length, tail, 0, tail.length);
      return tail.length;
    }
    int keep = Math.min(tailLength, tail.length - n);
    System.arraycopy(tail, tailLength - keep, tail, 0, keep);
    System.arraycopy(chunk, 0, tail, keep, n);
    return keep + n;
  }

  private static boolean contains(byte[] data, int length, byte[] needle) {
    for (int i = 0; i + needle.length <= length; i++) {
      if (Arrays.equals(data, i, i + needle.length, needle, 0, needle.length)) {
        return true;
      }
    }
    return false;
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
