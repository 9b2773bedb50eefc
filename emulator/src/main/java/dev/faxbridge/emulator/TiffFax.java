package dev.faxbridge.emulator;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * A multi-page TIFF fax, bilevel, CCITT T.6 (Group 4) compressed, at fax fine resolution (1728 dots
 * per line). Padding is appended after the last image: TIFF readers follow offsets, so trailing
 * bytes do not change the pages.
 */
final class TiffFax {

  private static final int WIDTH = 1728;
  private static final int HEIGHT = 2200;

  private TiffFax() {}

  static void write(
      Path file,
      String emulatorName,
      long messageId,
      int pages,
      Instant receivedAt,
      long minimumSize)
      throws IOException {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("tiff");
    if (!writers.hasNext()) {
      throw new IOException("no TIFF writer in this JDK");
    }
    ImageWriter writer = writers.next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionType("CCITT T.6");
      writer.prepareWriteSequence(null);
      for (int i = 1; i <= pages; i++) {
        writer.writeToSequence(
            new IIOImage(page(emulatorName, messageId, i, pages, receivedAt), null, null), param);
      }
      writer.endWriteSequence();
    } finally {
      writer.dispose();
    }
    long missing = minimumSize - Files.size(file);
    if (missing > 0) {
      try (OutputStream append = Files.newOutputStream(file, StandardOpenOption.APPEND);
          InputStream noise = new PdfFax.Noise(messageId, missing)) {
        noise.transferTo(append);
      }
    }
  }

  private static BufferedImage page(
      String emulatorName, long messageId, int page, int pages, Instant receivedAt) {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_BINARY);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 40));
      g.drawString(emulatorName + " fax " + messageId, 150, 200);
      g.drawString("Page " + page + " of " + pages, 150, 260);
      g.drawString("Received " + Json.time(receivedAt), 150, 320);
    } finally {
      g.dispose();
    }
    return image;
  }
}
