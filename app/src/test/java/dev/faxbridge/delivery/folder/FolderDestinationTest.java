package dev.faxbridge.delivery.folder;

import static dev.faxbridge.testing.Outcomes.retryLaterReason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.delivery.DeliveryOutcome;
import dev.faxbridge.fax.InboundFax;
import dev.faxbridge.testing.StagedFaxes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderDestinationTest {

  @TempDir Path root;
  @TempDir Path staging;

  private StagedFaxes faxes;

  @BeforeEach
  void stagingArea() {
    faxes = new StagedFaxes(staging);
  }

  @Test
  void aSidecarIsNeverVisibleWithoutItsCompleteDocument() throws Exception {
    FolderDestination destination = new FolderDestination(new FolderSettings(root));
    byte[] content = StagedFaxes.pdf(256 * 1024);
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
      assertThat(destination.deliver(faxes.document("m" + i, content)))
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
    InboundFax fax = faxes.fax("43");
    byte[] content = StagedFaxes.pdf(1000);
    DeliveryOutcome first = destination.deliver(faxes.document(fax, content));
    List<Path> files = List.of(visibleFiles(".pdf").get(0), visibleFiles(".json").get(0));
    List<Object> inodes = new ArrayList<>();
    List<FileTime> modified = new ArrayList<>();
    for (Path file : files) {
      inodes.add(Files.getAttribute(file, "unix:ino"));
      modified.add(Files.getLastModifiedTime(file));
    }

    DeliveryOutcome again = destination.deliver(faxes.document(fax, content));

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
    InboundFax fax = faxes.fax("44");
    byte[] before = StagedFaxes.pdf(1000);
    byte[] after = StagedFaxes.pdf(2000);
    destination.deliver(faxes.document(fax, before));

    destination.deliver(faxes.document(fax, after));

    assertThat(visibleFiles(".pdf")).singleElement().satisfies(p -> assertThat(p).hasSize(2000));
    assertThat(Files.readString(visibleFiles(".json").get(0))).contains(sha256(after));
  }

  @Test
  void deliveringTheSameFaxAgainReplacesItInsteadOfAddingACopy() throws Exception {
    FolderDestination destination = new FolderDestination(new FolderSettings(root));
    InboundFax fax = faxes.fax("42");
    byte[] content = StagedFaxes.pdf(1000);

    DeliveryOutcome first = destination.deliver(faxes.document(fax, content));
    DeliveryOutcome second = destination.deliver(faxes.document(fax, content));

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

    destination.deliver(faxes.document("7", StagedFaxes.pdf(1000)));

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

    DeliveryOutcome outcome = destination.deliver(faxes.document("7", StagedFaxes.pdf(100)));

    assertThat(retryLaterReason(outcome)).contains("riverside");
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

  private static String sha256(byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }
}
