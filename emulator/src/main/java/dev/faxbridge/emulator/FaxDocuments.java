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
 * the same bytes. Public so that the Faxage emulator renders its faxes the same way.
 */
public final class FaxDocuments implements AutoCloseable {

  private final Path directory;
  private final String emulatorName;

  FaxDocuments() {
    this("RingCentral emulator");
  }

  /** Documents whose pages say {@code "<emulatorName> fax <id>"}. */
  public FaxDocuments(String emulatorName) {
    this.emulatorName = emulatorName;
    try {
      this.directory = Files.createTempDirectory("emulator-documents");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Renders the document seeded by {@code seed} (a message or attachment id) as {@code spec} says.
   */
  public StoredDocument render(long seed, InboundFaxSpec spec, Instant receivedAt) {
    boolean tiff = spec.contentType().equals(InboundFaxSpec.TIFF);
    Path file = directory.resolve(seed + (tiff ? ".tif" : ".pdf"));
    try {
      if (tiff) {
        TiffFax.write(file, emulatorName, seed, spec.pageCount(), receivedAt, spec.minimumSize());
      } else {
        PdfFax.write(file, emulatorName, seed, spec.pageCount(), receivedAt, spec.minimumSize());
      }
      return new StoredDocument(
          file, Files.size(file), spec.contentType(), sha256(file), spec.pageCount());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render fax document " + seed, e);
    }
  }

  public void discard(StoredDocument document) {
    try {
      Files.deleteIfExists(document.file());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes every rendered document. */
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
