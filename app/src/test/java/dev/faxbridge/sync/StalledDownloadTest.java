package dev.faxbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.emulator.Fault;
import dev.faxbridge.emulator.FaultRule;
import dev.faxbridge.fax.FaxLedger;
import dev.faxbridge.fax.FaxState;
import dev.faxbridge.fax.InboundFax;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.Emulators;
import dev.faxbridge.testing.FaxbridgeInstance;
import dev.faxbridge.testing.Operator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A document transfer that stops without closing is a passing failure of that one fax. */
class StalledDownloadTest {

  private static final String CONTENT =
      "/restapi/v1.0/account/{accountId}/extension/{extensionId}/message-store/{messageId}/content/{attachmentId}";

  @RegisterExtension final Emulators emulators = Emulators.startedForEachTest();

  @Test
  void aStalledTransferIsBrokenOffAndTheFaxIsDeliveredOnItsNextAttempt() throws Exception {
    Clinic clinic = emulators.environment().clinic("Stalling");
    clinic.receiveFax(0, 2);
    Map<String, Object> properties = emulators.environment().properties();
    properties.put("faxbridge.ringcentral.download-idle-timeout", "300ms");
    properties.put("faxbridge.ringcentral.rate-limits.call-attempts", "2");
    properties.put("faxbridge.ringcentral.rate-limits.call-retry-base", "10ms");
    try (FaxbridgeInstance faxbridge = FaxbridgeInstance.start(properties)) {
      ConnectionId connection = Operator.connect(faxbridge, "stalling", clinic);
      // Half the document, then silence on an open connection for far longer than any test runs.
      emulators
          .ringCentral()
          .injectFault(
              FaultRule.once("GET", CONTENT, Fault.stalledBody(Duration.ofMinutes(10))).times(2));

      SyncReport stalled = faxbridge.bean(SyncConnection.class).run(connection);

      assertThat(stalled.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
      assertThat(stalled.failed()).isEqualTo(1);
      InboundFax fax = only(faxbridge, connection);
      assertThat(fax.state()).isEqualTo(FaxState.FAILED);
      assertThat(fax.lastError()).contains("no data for PT0.3S");

      faxbridge
          .bean(org.springframework.jdbc.core.simple.JdbcClient.class)
          .sql("update inbound_fax set next_attempt_at = now() where connection_id = :c")
          .param("c", connection.value())
          .update();
      assertThat(faxbridge.bean(SyncConnection.class).run(connection).delivered()).isEqualTo(1);
    }
  }

  private static InboundFax only(FaxbridgeInstance faxbridge, ConnectionId connection) {
    List<InboundFax> faxes =
        faxbridge
            .bean(FaxLedger.class)
            .forTenant(faxbridge.bean(Connections.class).get(connection).tenantId());
    assertThat(faxes).hasSize(1);
    return faxes.get(0);
  }
}
