package dev.faxbridge.bench;

import dev.faxbridge.emulator.ClientApp;
import dev.faxbridge.emulator.FaxMessage;
import dev.faxbridge.emulator.InboundFaxSpec;
import dev.faxbridge.emulator.RingCentralEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * One large fax through a faxbridge with a small heap: its peak resident memory (VmHWM) and whether
 * the file in the inbox has the platform's size and SHA-256, hashed here from the file itself.
 */
final class MemoryRun {

  private static final Duration LIMIT = Duration.ofMinutes(5);

  private final BenchSettings settings;
  private final RingCentralEmulator emulator;
  private final ClientApp app;
  private final Postgres postgres;

  MemoryRun(
      BenchSettings settings, RingCentralEmulator emulator, ClientApp app, Postgres postgres) {
    this.settings = settings;
    this.emulator = emulator;
    this.app = app;
    this.postgres = postgres;
  }

  MemoryResult run(Path directory) {
    BenchClinic clinic = BenchClinic.create(emulator, "Large document clinic", 1, app, null);
    FaxMessage fax =
        emulator.deliverFax(
            clinic.account().id(),
            clinic.mailboxIds().get(0),
            InboundFaxSpec.of("+16505550100", "+16505550199", 3)
                .minimumSize(settings.documentBytes()));
    String database = postgres.createDatabase("memory");
    try (FaxbridgeProcess faxbridge =
        FaxbridgeProcess.start(
            settings.faxbridgeJar(), settings.documentHeap(), database, emulator, app, directory)) {
      long rssBefore = faxbridge.stats().rssKib();
      long start = System.nanoTime();
      faxbridge.connectTenant("large-document", 60, clinic.faxbridgeJwt());
      Path delivered = awaitDocument(faxbridge.inbox(), start + LIMIT.toNanos());
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      long peak = faxbridge.stats().peakRssKib();
      if (delivered == null) {
        return new MemoryResult(
            fax.size(), settings.documentHeap(), rssBefore, peak, LIMIT, 0, false);
      }
      return new MemoryResult(
          fax.size(),
          settings.documentHeap(),
          rssBefore,
          peak,
          elapsed,
          Files.size(delivered),
          fax.sha256().equals(sha256(delivered)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The delivered document, once its sidecar exists (the folder destination writes the sidecar
   * after the document is complete and renamed into place), or null at the deadline.
   */
  private static Path awaitDocument(Path inbox, long deadlineNanos) throws IOException {
    while (System.nanoTime() < deadlineNanos) {
      if (Files.isDirectory(inbox)) {
        try (Stream<Path> files = Files.walk(inbox)) {
          List<Path> sidecars =
              files.filter(p -> p.getFileName().toString().matches("[^.].*\\.json")).toList();
          if (!sidecars.isEmpty()) {
            Path sidecar = sidecars.get(0);
            String name = sidecar.getFileName().toString();
            return sidecar.resolveSibling(name.substring(0, name.length() - 5) + ".pdf");
          }
        }
      }
      FaxbridgeProcess.sleep(Duration.ofMillis(200));
    }
    return null;
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
