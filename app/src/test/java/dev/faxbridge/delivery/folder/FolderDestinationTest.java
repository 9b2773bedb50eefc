package dev.faxbridge.delivery.folder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.connection.Provider;
import dev.faxbridge.delivery.DeliveryOutcome;
import dev.faxbridge.delivery.FaxDocument;
import dev.faxbridge.fax.FaxState;
import dev.faxbridge.fax.InboundFax;
import dev.faxbridge.provider.DownloadedDocument;
import dev.faxbridge.provider.ListedFax;
import dev.faxbridge.tenant.Tenant;
import dev.faxbridge.tenant.TenantId;
import dev.faxbridge.testing.StagedFaxes;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderDestinationTest {

  @TempDir Path root;
  @TempDir Path staging;

  private final Tenant tenant =
      new Tenant(TenantId.random(), "riverside", "Riverside", Duration.ofMinutes(1), Instant.now());

  @Test
  void aSidecarIsNeverVisibleWithoutItsCompleteDocument() throws Exception {
    FolderDestination destination = new FolderDestination(new FolderSettings(root));
    byte[] content = pdfOfSize(256 * 1024);
    AtomicBoolean delivering = new AtomicBoolean(true);
    List<String> violations = new ArrayList<>();
    Thread observer =
        new Thread(
            () -> {
              while (delivering.get()) {
                violations.addAll(sidecarsWithoutCompleteDocument(content.length));
              }
            });
    observer.start();
    for (int i = 0; i < 100; i++) {
      assertThat(destination.deliver(document(fax("m" + i), content)))
          .isInstanceOf(DeliveryOutcome.Delivered.class);
    }
    delivering.set(false);
    observer.join();

    assertThat(violations).isEmpty();
    assertThat(visibleFiles(".json")).hasSize(100);
    assertThat(visibleFiles(".pdf")).hasSize(100);
  }

  @Test
  void aDeliveryAlreadyCompletedIsRecognisedAndItsFilesAreLeftUntouched() throws Exception {
    FolderDestination destination = new FolderDestination(new FolderSettings(root));
    InboundFax fax = fax("43");
    byte[] content = pdfOfSize(1000);
    DeliveryOutcome first = destination.deliver(document(fax, content, sha256(content)));
    List<Path> files = List.of(visibleFiles(".pdf").get(0), visibleFiles(".json").get(0));
    List<Object> inodes = new ArrayList<>();
    List<FileTime> modified = new ArrayList<>();
    for (Path file : files) {
      inodes.add(Files.getAttribute(file, "unix:ino"));
      modified.add(Files.getLastModifiedTime(file));
    }

    DeliveryOutcome again = destination.deliver(document(fax, content, sha256(content)));

    assertThat(again).isEqualTo(first);
    for (int i = 0; i < files.size(); i++) {
      assertThat(Files.getAttribute(files.get(i), "unix:ino")).isEqualTo(inodes.get(i));
      assertThat(Files.getLastModifiedTime(files.get(i))).isEqualTo(modified.get(i));
    }
    assertThat(allFiles()).hasSize(2);
  }

  @Test
  void anotherDocumentUnderTheSameFaxIdentityIsWrittenInPlace() throws Exception {
    FolderDestination destination = new FolderDestination(new FolderSettings(root));
    InboundFax fax = fax("44");
    byte[] before = pdfOfSize(1000);
    byte[] after = pdfOfSize(2000);
    destination.deliver(document(fax, before, sha256(before)));

    destination.deliver(document(fax, after, sha256(after)));

    assertThat(visibleFiles(".pdf")).singleElement().satisfies(p -> assertThat(p).hasSize(2000));
    assertThat(Files.readString(visibleFiles(".json").get(0))).contains(sha256(after));
  }

  @Test
  void deliveringTheSameFaxAgainReplacesItInsteadOfAddingACopy() throws Exception {
    FolderDestination destination = new FolderDestination(new FolderSettings(root));
    InboundFax fax = fax("42");
    byte[] content = pdfOfSize(1000);

    DeliveryOutcome first = destination.deliver(document(fax, content));
    DeliveryOutcome second = destination.deliver(document(fax, content));

    assertThat(second).isEqualTo(first);
    assertThat(visibleFiles(".pdf")).hasSize(1);
    assertThat(visibleFiles(".json")).hasSize(1);
    assertThat(allFiles()).noneMatch(p -> p.getFileName().toString().endsWith(".tmp"));
  }

  @Test
  void anImportersGroupCanReadTheDocumentsWhenConfigured() throws Exception {
    String group =
        Files.readAttributes(root, java.nio.file.attribute.PosixFileAttributes.class)
            .group()
            .getName();
    FolderDestination destination = new FolderDestination(new FolderSettings(root, group));

    destination.deliver(document(fax("7"), pdfOfSize(1000)));

    for (Path path : allFiles()) {
      assertThat(
              java.nio.file.attribute.PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(path)))
          .isEqualTo("rw-r-----");
      assertThat(
              Files.readAttributes(path, java.nio.file.attribute.PosixFileAttributes.class)
                  .group()
                  .getName())
          .isEqualTo(group);
    }
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(root.resolve("riverside"))))
        .isEqualTo("rwxr-x---");
  }

  @Test
  void anUnknownImporterGroupIsRefusedByName() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new FolderDestination(new FolderSettings(root, "no-such-group-here")))
        .hasMessageContaining("no-such-group-here");
  }

  @Test
  void anUnwritableFolderAsksToRetryLaterWithTheReason() throws Exception {
    Files.writeString(root.resolve("riverside"), "not a directory");
    FolderDestination destination = new FolderDestination(new FolderSettings(root));

    DeliveryOutcome outcome = destination.deliver(document(fax("7"), pdfOfSize(100)));

    assertThat(outcome).isInstanceOf(DeliveryOutcome.RetryLater.class);
    assertThat(((DeliveryOutcome.RetryLater) outcome).reason()).contains("riverside");
  }

  private List<String> sidecarsWithoutCompleteDocument(long size) {
    List<String> problems = new ArrayList<>();
    for (Path sidecar : visibleFiles(".json")) {
      Path document =
          sidecar.resolveSibling(sidecar.getFileName().toString().replace(".json", ".pdf"));
      try {
        if (!Files.exists(document) || Files.size(document) != size) {
          problems.add(sidecar.getFileName().toString());
        }
      } catch (IOException e) {
        problems.add(sidecar + ": " + e.getMessage());
      }
    }
    return problems;
  }

  private List<Path> visibleFiles(String suffix) {
    return allFiles().stream()
        .filter(p -> p.getFileName().toString().endsWith(suffix))
        .filter(p -> !p.getFileName().toString().startsWith("."))
        .toList();
  }

  private List<Path> allFiles() {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private FaxDocument document(InboundFax fax, byte[] content) throws IOException {
    return document(fax, content, "ab".repeat(32));
  }

  private FaxDocument document(InboundFax fax, byte[] content, String sha256) throws IOException {
    Path file = staging.resolve(UUID.randomUUID() + ".part");
    Files.write(file, content);
    return new FaxDocument(
        tenant,
        fax,
        new DownloadedDocument(file, content.length, sha256, "application/pdf"),
        StagedFaxes.ringCentralSource(fax));
  }

  private static String sha256(byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }

  private InboundFax fax(String messageId) {
    ListedFax source =
        new ListedFax(
            Provider.RINGCENTRAL,
            "1000",
            "2000",
            messageId,
            "9" + messageId,
            Instant.parse("2026-11-27T10:15:30Z"),
            "+16505550100",
            "+16505550199",
            1,
            "application/pdf",
            null,
            URI.create("https://media.example/content"),
            null);
    return new InboundFax(
        UUID.randomUUID(),
        tenant.id(),
        ConnectionId.random(),
        source,
        FaxState.DISCOVERED,
        null,
        null,
        null,
        0,
        Instant.now(),
        null,
        Instant.now(),
        null,
        null);
  }

  private static byte[] pdfOfSize(int size) {
    byte[] bytes = new byte[size];
    System.arraycopy("%PDF-1.7".getBytes(), 0, bytes, 0, 8);
    return bytes;
  }
}
