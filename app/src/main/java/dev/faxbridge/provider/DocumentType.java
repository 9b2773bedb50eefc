package dev.faxbridge.provider;

import java.util.Arrays;

/**
 * The document types a fax arrives as, and how each one's bytes begin: the check every provider's
 * download makes before a document is handed on.
 */
public final class DocumentType {

  public static final String PDF = "application/pdf";
  public static final String TIFF = "image/tiff";

  private static final byte[] PDF_START = {'%', 'P', 'D', 'F', '-'};
  private static final byte[] TIFF_LITTLE_ENDIAN_START = {'I', 'I', 42, 0};
  private static final byte[] TIFF_BIG_ENDIAN_START = {'M', 'M', 0, 42};

  private DocumentType() {}

  public static boolean isFaxDocument(String contentType) {
    return PDF.equals(contentType) || TIFF.equals(contentType);
  }

  /** The document type these leading bytes begin, or null when neither PDF nor TIFF. */
  public static String of(byte[] head) {
    if (startsWith(head, PDF_START)) {
      return PDF;
    }
    if (startsWith(head, TIFF_LITTLE_ENDIAN_START) || startsWith(head, TIFF_BIG_ENDIAN_START)) {
      return TIFF;
    }
    return null;
  }

  /** Whether {@code head} begins the way a document of {@code contentType} must. */
  public static boolean startsLike(String contentType, byte[] head) {
    return isFaxDocument(contentType) && contentType.equals(of(head));
  }

  private static boolean startsWith(byte[] head, byte[] prefix) {
    return head.length >= prefix.length
        && Arrays.equals(head, 0, prefix.length, prefix, 0, prefix.length);
  }
}
