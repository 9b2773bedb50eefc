package dev.faxbridge.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Random;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;

/**
 * A PDF fax of letter-sized pages with a text header per page. The text uses the standard Helvetica
 * font by name, written as raw content operators: no font object is loaded, so nothing is shared
 * between documents (the bytes depend only on the inputs) and PDFBox never searches the system for
 * a substitute font. Padding for large documents goes into a stream hung off the catalog, written
 * through a temp-file cache so a 200 MB document never sits in memory.
 */
final class PdfFax {

  private static final long OVERHEAD_ESTIMATE = 4_096;

  private PdfFax() {}

  static void write(
      Path file,
      String emulatorName,
      long messageId,
      int pages,
      Instant receivedAt,
      long minimumSize)
      throws IOException {
    try (PDDocument document = new PDDocument(IOUtils.createTempFileOnlyStreamCache())) {
      PDResources resources = new PDResources();
      COSDictionary fonts = new COSDictionary();
      fonts.setItem(COSName.getPDFName("F1"), helvetica());
      resources.getCOSObject().setItem(COSName.FONT, fonts);
      for (int i = 1; i <= pages; i++) {
        PDPage page = new PDPage(PDRectangle.LETTER);
        page.setResources(resources);
        PDStream contents = new PDStream(document);
        try (OutputStream out = contents.createOutputStream()) {
          out.write(
              text(
                      emulatorName + " fax " + messageId,
                      "Page " + i + " of " + pages,
                      "Received " + Json.time(receivedAt))
                  .getBytes(StandardCharsets.US_ASCII));
        }
        page.setContents(contents);
        document.addPage(page);
      }
      Calendar created = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
      created.setTimeInMillis(receivedAt.toEpochMilli());
      document.getDocumentInformation().setCreationDate(created);
      document.getDocumentInformation().setProducer("faxbridge " + emulatorName);
      byte[] id = Long.toString(messageId).getBytes(StandardCharsets.US_ASCII);
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

  private static COSDictionary helvetica() {
    COSDictionary font = new COSDictionary();
    font.setItem(COSName.TYPE, COSName.FONT);
    font.setItem(COSName.SUBTYPE, COSName.TYPE1);
    font.setName(COSName.BASE_FONT, "Helvetica");
    font.setItem(COSName.ENCODING, COSName.WIN_ANSI_ENCODING);
    return font;
  }

  /** Content operators drawing the lines top-down in 14 pt Helvetica (ASCII text only). */
  private static String text(String... lines) {
    StringBuilder ops = new StringBuilder("BT /F1 14 Tf 72 720 Td\n");
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        ops.append("0 -20 Td\n");
      }
      String escaped = lines[i].replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)");
      ops.append('(').append(escaped).append(") Tj\n");
    }
    return ops.append("ET\n").toString();
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
