package dev.faxbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.emulator.FaxMessage;
import dev.faxbridge.emulator.InboundFaxSpec;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.DropFolder;
import dev.faxbridge.testing.Emulators;
import dev.faxbridge.testing.FaxbridgeInstance;
import dev.faxbridge.testing.Operator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A fax whose record carries several documents: each attachment is a fax of its own in the ledger
 * and in the drop folder, named after its own source key, delivered once, also across a restart.
 */
class SeveralAttachmentsTest {

  @RegisterExtension final Emulators emulators = Emulators.startedForEachTest();

  @Test
  void eachAttachmentIsDeliveredOnceUnderItsOwnNameAlsoAfterARestart() throws Exception {
    Clinic clinic = emulators.environment().clinic("Maple");
    FaxMessage fax =
        emulators
            .ringCentral()
            .deliverFax(
                clinic.account().id(),
                clinic.mailboxIds().get(1),
                InboundFaxSpec.of("+16505550100", "+16505550199", 2).attachments(3));
    ConnectionId connection;
    try (FaxbridgeInstance faxbridge = emulators.environment().startFaxbridge()) {
      connection = Operator.connect(faxbridge, "maple", clinic);
      SyncReport first = faxbridge.bean(SyncConnection.class).run(connection);
      assertThat(first.newFaxes()).isEqualTo(3);
      assertThat(first.delivered()).isEqualTo(3);
    }
    DropFolder folder = DropFolder.of(emulators.environment().inbox(), "maple");
    Map<Path, FileTime> written = new HashMap<>();
    for (Path document : folder.documents()) {
      written.put(document, Files.getLastModifiedTime(document));
    }

    try (FaxbridgeInstance restarted = emulators.environment().startFaxbridge()) {
      SyncReport again = restarted.bean(SyncConnection.class).run(connection);
      assertThat(again.newFaxes()).isZero();
      assertThat(again.delivered()).isZero();
    }

    assertThat(folder.documents()).hasSize(3);
    assertThat(folder.sidecars()).hasSize(3);
    for (FaxMessage.Attachment attachment : fax.attachments()) {
      String key =
          "ringcentral-"
              + clinic.account().id()
              + "-"
              + clinic.mailboxIds().get(1)
              + "-"
              + fax.messageId()
              + "-"
              + attachment.id();
      Path document = only(folder, key + ".pdf");
      JsonNode sidecar =
          folder.sidecarContents().stream()
              .filter(s -> s.get("id").asString().equals(key))
              .findFirst()
              .orElseThrow();
      assertThat(sidecar.get("document").asString()).isEqualTo(key + ".pdf");
      assertThat(sidecar.get("ringcentral").get("attachmentId").asString())
          .isEqualTo(attachment.id());
      assertThat(sidecar.get("sha256").asString()).isEqualTo(attachment.sha256());
      assertThat(sha256(document)).isEqualTo(attachment.sha256());
      assertThat(Files.getLastModifiedTime(document))
          .as("untouched by the restart")
          .isEqualTo(written.get(document));
    }
  }

  private static Path only(DropFolder folder, String fileName) {
    assertThat(folder.documents())
        .filteredOn(p -> p.getFileName().toString().equals(fileName))
        .hasSize(1);
    return folder.documents().stream()
        .filter(p -> p.getFileName().toString().equals(fileName))
        .findFirst()
        .orElseThrow();
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
