package dev.faxbridge.provider.ringcentral;

import java.util.Arrays;

/** The document types a fax arrives as, and how each one's bytes begin. */
final class DocumentType {

  static final String PDF = "application/pdf";
  static final String TIFF = "image/tiff";

  private DocumentType() {}

  static boolean isFaxDocument(String contentType) {
    return PDF.equals(contentType) || TIFF.equals(contentType);
  }

  /** Whether {@code head} begins the way a document of {@code contentType} must. */
  static boolean startsLike(String contentType, byte[] head) {
    if (PDF.equals(contentType)) {
      return startsWith(head, new byte[] {'%', 'P', 'D', 'F', '-'});
    }
    if (TIFF.equals(contentType)) {
      return startsWith(head, new byte[] {'I', 'I', 42, 0})
          || startsWith(head, new byte[] {'M', 'M', 0, 42});
    }
    return false;
  }

  private static boolean startsWith(byte[] head, byte[] prefix) {
    return head.length >= prefix.length
        && Arrays.equals(Arrays.copyOf(head, prefix.length), prefix);
  }
}
