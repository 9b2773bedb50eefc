package dev.faxbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.emulator.LoggedRequest;
import dev.faxbridge.emulator.RingCentralEmulator;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.DropFolder;
import dev.faxbridge.testing.Emulators;
import dev.faxbridge.testing.FaxbridgeInstance;
import dev.faxbridge.testing.Operator;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A fax the provider indexes late (it becomes visible with a receive time older than the windows
 * already listed) is delivered by a layered re-read of a wider window, without an operator.
 */
class LateIndexedFaxTest {

  @RegisterExtension final Emulators emulators = Emulators.startedForEachTest();

  @Test
  void aFaxIndexedHoursLateIsFoundByTheHourlyRereadAndCounted() throws Exception {
    RingCentralEmulator emulator = emulators.ringCentral();
    Clinic clinic = emulators.environment().clinic("Late index");
    clinic.receiveFax(0, 1);
    try (FaxbridgeInstance faxbridge =
        FaxbridgeInstance.start(emulators.environment().properties(), emulator.clock())) {
      ConnectionId connection = Operator.connect(faxbridge, "late-index", clinic);
      SyncConnection sync = faxbridge.bean(SyncConnection.class);
      assertThat(sync.run(connection).delivered()).isEqualTo(1);
      // Indexed only now, three hours after the provider received it: far behind every cursor.
      String late =
          clinic
              .receiveFaxAt(1, 1, emulator.clock().instant().minus(Duration.ofHours(3)))
              .messageId();
      emulator.clock().advance(Duration.ofMinutes(5));
      assertThat(sync.run(connection).newFaxes())
          .as("the regular listing reaches back only the overlap")
          .isZero();
      emulator.clearRequestLog();

      emulator.clock().advance(Duration.ofMinutes(56));
      SyncReport hourly = sync.run(connection);

      assertThat(hourly.newFaxes()).isEqualTo(1);
      assertThat(hourly.delivered()).isEqualTo(1);
      assertThat(faxbridge.api("GET", "/actuator/prometheus", null).body())
          .contains("faxbridge_faxes_found_late_total{tenant=\"late-index\"} 1.0");
      assertThat(emulator.requestLog())
          .as("re-reads are Light listings, paced like every other call")
          .filteredOn(r -> r.path().endsWith("/message-store"))
          .extracting(LoggedRequest::rateLimitGroup)
          .containsOnly("Light");
      assertThat(DropFolder.of(emulators.environment().inbox(), "late-index").sidecarContents())
          .anyMatch(s -> s.get("ringcentral").get("messageId").asString().equals(late));
    }
  }
}
