package dev.faxbridge.large;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.emulator.FaxMessage;
import dev.faxbridge.emulator.InboundFaxSpec;
import dev.faxbridge.emulator.RingCentralEmulator;
import dev.faxbridge.sync.SyncConnection;
import dev.faxbridge.sync.SyncReport;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.DropFolder;
import dev.faxbridge.testing.FaxbridgeInstance;
import dev.faxbridge.testing.Operator;
import dev.faxbridge.testing.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Runs in its own surefire execution with {@code -Xmx256m}: the heap this JVM shares between the
 * emulator serving the document and faxbridge delivering it. A download held in memory would fail
 * here with an OutOfMemoryError.
 */
class LargeDocumentTest {

  private static final long TWO_HUNDRED_MB = 200L * 1024 * 1024;

  @TempDir Path data;

  @Test
  void a200MegabyteFaxIsDeliveredWithinA256MegabyteHeap() throws Exception {
    assertThat(Runtime.getRuntime().maxMemory()).isLessThanOrEqualTo(256L * 1024 * 1024);
    try (RingCentralEmulator emulator = RingCentralEmulator.builder().start()) {
      TestEnvironment environment = TestEnvironment.create(emulator, data);
      Clinic clinic = Clinic.create(emulator, environment.app().clientId(), "Big");
      FaxMessage fax =
          emulator.deliverFax(
              clinic.account().id(),
              clinic.mailboxIds().get(0),
              InboundFaxSpec.of("+16505550100", "+16505550199", 40).minimumSize(TWO_HUNDRED_MB));

      try (FaxbridgeInstance faxbridge = environment.startFaxbridge()) {
        ConnectionId connection = Operator.connect(faxbridge, "big", clinic);
        SyncReport report = faxbridge.bean(SyncConnection.class).run(connection);
        assertThat(report.delivered()).isEqualTo(1);
      }

      DropFolder folder = DropFolder.of(environment.inbox(), "big");
      JsonNode sidecar = folder.sidecarContents().get(0);
      Path document = folder.documents().get(0);
      assertThat(Files.size(document)).isEqualTo(fax.size()).isGreaterThanOrEqualTo(TWO_HUNDRED_MB);
      assertThat(sidecar.get("sha256").asString()).isEqualTo(fax.sha256());
      assertThat(sidecar.get("size").asLong()).isEqualTo(fax.size());
    }
  }
}
