package dev.faxbridge.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * Renders fax documents into a private temporary directory: PDFs through {@link PdfFax}, TIFFs
 * (CCITT G4) through {@link TiffFax}. Rendering depends only on the seed (a message or attachment
 * id), the page count, the receive time and the requested minimum size, so the same fax always has
 * the same bytes.
 */
final class FaxDocuments implements AutoCloseable {

  private final Path directory;

  FaxDocuments() {
    try {
      this.directory = Files.createTempDirectory("rc-emulator-documents");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  StoredDocument render(long seed, InboundFaxSpec spec, Instant receivedAt) {
    boolean tiff = spec.contentType().equals(InboundFaxSpec.TIFF);
    Path file = directory.resolve(seed + (tiff ? ".tif" : ".pdf"));
    try {
      if (tiff) {
        TiffFax.write(file, seed, spec.pageCount(), receivedAt, spec.minimumSize());
      } else {
        PdfFax.write(file, seed, spec.pageCount(), receivedAt, spec.minimumSize());
      }
      return new StoredDocument(
          file, Files.size(file), spec.contentType(), sha256(file), spec.pageCount());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render fax document " + seed, e);
    }
  }

  void discard(StoredDocument document) {
    try {
      Files.deleteIfExists(document.file());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(Path file) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
        in.transferTo(OutputStream.nullOutputStream());
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
