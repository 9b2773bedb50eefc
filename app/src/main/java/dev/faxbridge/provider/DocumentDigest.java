package dev.faxbridge.provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What every provider's download learns about a document while it copies it to the staging file:
 * the SHA-256 of exactly the bytes written, their count, the leading bytes (its type, see {@link
 * DocumentType}) and the last kilobyte (where a PDF's end-of-file marker must be). A transfer that
 * continues where a broken one stopped keeps copying into the same digest; one that starts again
 * calls {@link #restart()}. Not thread-safe: one per transfer.
 */
public final class DocumentDigest {

  /** Enough leading bytes to tell the document types apart. */
  public static final int HEAD = 8;

  /** A PDF's {@code %%EOF} must lie within its last this many bytes (trailing whitespace, junk). */
  private static final int TAIL = 1024;

  private static final byte[] PDF_END = {'%', '%', 'E', 'O', 'F'};

  private MessageDigest sha256 = newDigest();
  private final byte[] head = new byte[HEAD];
  private int headLength;
  private final byte[] tail = new byte[TAIL];
  private int tailLength;
  private long received;

  /** Forgets everything copied: the next copy is the document's first byte. */
  public void restart() {
    sha256 = newDigest();
    headLength = 0;
    tailLength = 0;
    received = 0;
  }

  /** Copies {@code body} to {@code out} to its end, learning every byte written. */
  public void copy(InputStream body, OutputStream out) throws IOException {
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
      keepTail(buffer, n);
      received += n;
    }
  }

  /** The bytes copied since the start (or the last {@link #restart()}). */
  public long received() {
    return received;
  }

  /** The leading bytes copied (up to {@link #HEAD}). */
  public byte[] head() {
    return Arrays.copyOf(head, headLength);
  }

  /** The type the leading bytes begin, or null when neither PDF nor TIFF. */
  public String type() {
    return DocumentType.of(head());
  }

  /** Whether a PDF's end-of-file marker lies within the last kilobyte copied. */
  public boolean endsLikeAPdf() {
    for (int i = 0; i + PDF_END.length <= tailLength; i++) {
      if (Arrays.equals(tail, i, i + PDF_END.length, PDF_END, 0, PDF_END.length)) {
        return true;
      }
    }
    return false;
  }

  /** The SHA-256 of the bytes copied, lower-case hex; ends this digest (restart to reuse). */
  public String sha256() {
    return HexFormat.of().formatHex(sha256.digest());
  }

  private void keepTail(byte[] chunk, int n) {
    if (n >= TAIL) {
      System.arraycopy(chunk, n - TAIL, tail, 0, TAIL);
      tailLength = TAIL;
      return;
    }
    int keep = Math.min(tailLength, TAIL - n);
    System.arraycopy(tail, tailLength - keep, tail, 0, keep);
    System.arraycopy(chunk, 0, tail, keep, n);
    tailLength = keep + n;
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
