package dev.faxbridge.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Random;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A PDF fax of letter-sized pages with a text header per page. Padding for large documents goes
 * into an unreferenced-by-pages stream hung off the catalog, written through a temp-file cache so a
 * 200 MB document never sits in memory.
 */
final class PdfFax {

  private static final long OVERHEAD_ESTIMATE = 4_096;

  /** Not embedded, so one instance serves every document (and PDFBox resolves it only once). */
  private static final PDType1Font FONT = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

  private PdfFax() {}

  static void write(Path file, long messageId, int pages, Instant receivedAt, long minimumSize)
      throws IOException {
    try (PDDocument document = new PDDocument(IOUtils.createTempFileOnlyStreamCache())) {
      synchronized (FONT) { // the shared font caches encodings lazily, in plain hash maps
        for (int i = 1; i <= pages; i++) {
          PDPage page = new PDPage(PDRectangle.LETTER);
          document.addPage(page);
          try (PDPageContentStream text = new PDPageContentStream(document, page)) {
            text.beginText();
            text.setFont(FONT, 14);
            text.newLineAtOffset(72, 720);
            text.showText("RingCentral emulator fax " + messageId);
            text.newLineAtOffset(0, -20);
            text.showText("Page " + i + " of " + pages);
            text.newLineAtOffset(0, -20);
            text.showText("Received " + Json.time(receivedAt));
            text.endText();
          }
        }
      }
      Calendar created = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
      created.setTimeInMillis(receivedAt.toEpochMilli());
      document.getDocumentInformation().setCreationDate(created);
      document.getDocumentInformation().setProducer("faxbridge RingCentral emulator");
      byte[] id = Long.toString(messageId).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      COSArray ids = new COSArray();
      ids.add(new COSString(id));
      ids.add(new COSString(id));
      document.getDocument().getTrailer().setItem(COSName.ID, ids);
      if (minimumSize > OVERHEAD_ESTIMATE * pages) {
        pad(document, messageId, minimumSize);
      }
      document.save(file.toFile());
    }
  }

  private static void pad(PDDocument document, long messageId, long bytes) throws IOException {
    COSStream padding = document.getDocument().createCOSStream();
    try (OutputStream out = padding.createRawOutputStream();
        InputStream in = new Noise(messageId, bytes)) {
      in.transferTo(out);
    }
    document.getDocumentCatalog().getCOSObject().setItem(COSName.getPDFName("EmuPadding"), padding);
  }

  /** Deterministic incompressible bytes, produced on the fly. */
  static final class Noise extends InputStream {
    private final Random random;
    private long remaining;

    Noise(long seed, long length) {
      this.random = new Random(seed);
      this.remaining = length;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (remaining <= 0) {
        return -1;
      }
      int n = (int) Math.min(len, remaining);
      byte[] chunk = new byte[n];
      random.nextBytes(chunk);
      System.arraycopy(chunk, 0, b, off, n);
      remaining -= n;
      return n;
    }
  }
}
