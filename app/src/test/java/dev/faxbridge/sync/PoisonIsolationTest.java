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
import dev.faxbridge.testing.TestEnvironment;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One bad fax is that fax's failure: a malformed record, an attachment on an untrusted host or a
 * failing acknowledgement gets attempts, backoff and a dead letter with its reason, while the rest
 * of the mailbox and the connection go on and the mailbox cursor still moves.
 */
class PoisonIsolationTest {

  private static final String MESSAGE_STORE =
      "/restapi/v1.0/account/{accountId}/extension/{extensionId}/message-store";
  private static final String MESSAGE = MESSAGE_STORE + "/{messageId}";

  @RegisterExtension static final Emulators EMULATORS = Emulators.started();

  private FaxbridgeInstance faxbridge(TestEnvironment environment) {
    Map<String, Object> properties = environment.properties();
    properties.put("faxbridge.sync.max-attempts", "2");
    return FaxbridgeInstance.start(properties);
  }

  /**
   * Three faxes in the front desk's mailbox, a minute apart and within the listing overlap, so the
   * next sync lists them again; the newest is listed first.
   */
  private static List<String> threeFaxes(Clinic clinic) {
    Instant now = Instant.now();
    return List.of(
        clinic.receiveFaxAt(1, 1, now.minus(Duration.ofMinutes(3))).messageId(),
        clinic.receiveFaxAt(1, 1, now.minus(Duration.ofMinutes(2))).messageId(),
        clinic.receiveFaxAt(1, 1, now.minus(Duration.ofMinutes(1))).messageId());
  }

  @Test
  void aRecordWithoutAUriFailsThatFaxUntilItIsADeadLetterAndTheMailboxGoesOn() throws Exception {
    TestEnvironment environment = EMULATORS.environment();
    Clinic clinic = environment.clinic("No uri");
    List<String> messages = threeFaxes(clinic);
    try (FaxbridgeInstance faxbridge = faxbridge(environment)) {
      ConnectionId connection = Operator.connect(faxbridge, "no-uri", clinic);
      EMULATORS
          .ringCentral()
          .injectFault(
              FaultRule.once("GET", MESSAGE_STORE, Fault.damagedRecord("attachments.uri", null))
                  .always());
      try {
        SyncReport first = faxbridge.bean(SyncConnection.class).run(connection);

        assertThat(first.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(first.delivered()).isEqualTo(2);
        assertThat(first.failed()).isEqualTo(1);
        InboundFax poison = fax(faxbridge, connection, messages.get(2));
        assertThat(poison.state()).isEqualTo(FaxState.FAILED);
        assertThat(poison.attempts()).isEqualTo(1);
        assertThat(poison.lastError()).contains("no usable uri");
        assertThat(cursor(faxbridge, connection, clinic.mailboxIds().get(1)))
            .as("the mailbox cursor moved")
            .isNotNull();

        dueNow(faxbridge, connection);
        faxbridge.bean(SyncConnection.class).run(connection);

        assertThat(fax(faxbridge, connection, messages.get(2)).state())
            .isEqualTo(FaxState.ABANDONED);
        HttpResponse<String> deadLetters = faxbridge.api("GET", "/api/dead-letters", null);
        assertThat(deadLetters.body()).contains(messages.get(2)).contains("no usable uri");
      } finally {
        EMULATORS.ringCentral().clearFaults();
      }
      dueNow(faxbridge, connection);
      faxbridge.bean(SyncConnection.class).run(connection);
      assertThat(fax(faxbridge, connection, messages.get(2)).state())
          .as("a dead letter stays for the operator even once its record is whole again")
          .isEqualTo(FaxState.ABANDONED);
    }
  }

  @Test
  void aRecordWithAnUnparsableCreationTimeFailsOnlyThatFaxAndIsDeliveredOnceItIsWhole()
      throws Exception {
    TestEnvironment environment = EMULATORS.environment();
    Clinic clinic = environment.clinic("Bad time");
    List<String> messages = threeFaxes(clinic);
    try (FaxbridgeInstance faxbridge = faxbridge(environment)) {
      ConnectionId connection = Operator.connect(faxbridge, "bad-time", clinic);
      EMULATORS
          .ringCentral()
          .injectFault(
              FaultRule.once(
                  "GET", frontDesk(clinic), Fault.damagedRecord("creationTime", "yesterday")));

      SyncReport first = faxbridge.bean(SyncConnection.class).run(connection);

      assertThat(first.delivered()).isEqualTo(2);
      assertThat(first.failed()).isEqualTo(1);
      assertThat(fax(faxbridge, connection, messages.get(2)).lastError())
          .contains("no valid creationTime");
      assertThat(cursor(faxbridge, connection, clinic.mailboxIds().get(1))).isNotNull();

      SyncReport whole = faxbridge.bean(SyncConnection.class).run(connection);

      assertThat(whole.delivered()).as("the next listing repaired the record").isEqualTo(1);
      assertThat(fax(faxbridge, connection, messages.get(2)).state()).isEqualTo(FaxState.DELIVERED);
    }
  }

  @Test
  void anAttachmentOnAnUntrustedHostFailsOnlyThatFax() throws Exception {
    TestEnvironment environment = EMULATORS.environment();
    Clinic clinic = environment.clinic("Elsewhere");
    List<String> messages = threeFaxes(clinic);
    try (FaxbridgeInstance faxbridge = faxbridge(environment)) {
      ConnectionId connection = Operator.connect(faxbridge, "elsewhere", clinic);
      EMULATORS
          .ringCentral()
          .injectFault(
              FaultRule.once(
                  "GET",
                  frontDesk(clinic),
                  Fault.damagedRecord("attachments.uri", "https://media.elsewhere.example/doc/1")));

      SyncReport report = faxbridge.bean(SyncConnection.class).run(connection);

      assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
      assertThat(report.delivered()).isEqualTo(2);
      InboundFax untrusted = fax(faxbridge, connection, messages.get(2));
      assertThat(untrusted.state()).isEqualTo(FaxState.FAILED);
      assertThat(untrusted.lastError()).contains("media-urls");
    }
    assertThat(EMULATORS.ringCentral().requestLog())
        .noneMatch(r -> r.path() != null && r.path().contains("/doc/1"));
  }

  @Test
  void aFailingAcknowledgementIsThatFaxsOwnFailureAndTheOthersAreAcknowledged() throws Exception {
    TestEnvironment environment = EMULATORS.environment();
    Clinic clinic = environment.clinic("Stubborn");
    List<String> messages = threeFaxes(clinic);
    try (FaxbridgeInstance faxbridge = faxbridge(environment)) {
      ConnectionId connection = Operator.connect(faxbridge, "stubborn", clinic);
      String tenant = faxbridge.bean(Connections.class).get(connection).tenantId().toString();
      faxbridge.api(
          "PUT", "/api/tenants/" + tenant + "/acknowledgement", "{\"mode\":\"MARK_READ\"}");
      EMULATORS.ringCentral().injectFault(FaultRule.once("PUT", MESSAGE, Fault.status(500)));

      SyncReport report = faxbridge.bean(SyncConnection.class).run(connection);

      assertThat(report.delivered()).isEqualTo(3);
      List<InboundFax> faxes = ledger(faxbridge, connection);
      assertThat(faxes).filteredOn(f -> f.state() == FaxState.ACKNOWLEDGED).hasSize(2);
      InboundFax owing =
          faxes.stream().filter(f -> f.state() == FaxState.DELIVERED).findFirst().orElseThrow();
      assertThat(owing.lastError()).contains("Acknowledgement at the source failed");
      assertThat(
              faxbridge
                  .bean(JdbcClient.class)
                  .sql("select ack_attempts from inbound_fax where id = :id")
                  .param("id", owing.id())
                  .query(Integer.class)
                  .single())
          .isEqualTo(1);
      assertThat(messages).contains(owing.source().messageId());
    }
  }

  /** The listing path of the front desk's mailbox, where {@link #threeFaxes} puts them. */
  private static String frontDesk(Clinic clinic) {
    return "/restapi/v1.0/account/~/extension/" + clinic.mailboxIds().get(1) + "/message-store";
  }

  private static List<InboundFax> ledger(FaxbridgeInstance faxbridge, ConnectionId connection) {
    return faxbridge
        .bean(FaxLedger.class)
        .forTenant(faxbridge.bean(Connections.class).get(connection).tenantId());
  }

  private static InboundFax fax(FaxbridgeInstance faxbridge, ConnectionId connection, String id) {
    return ledger(faxbridge, connection).stream()
        .filter(f -> f.source().messageId().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("message " + id + " is not in the ledger"));
  }

  private static Instant cursor(FaxbridgeInstance faxbridge, ConnectionId connection, String box) {
    return faxbridge
        .bean(JdbcClient.class)
        .sql("select synced_through from mailbox where connection_id = :c and extension_id = :box")
        .param("c", connection.value())
        .param("box", box)
        .query((rs, row) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant())
        .single();
  }

  /** Makes every pending fax of the connection due now, as if its backoff had passed. */
  private static void dueNow(FaxbridgeInstance faxbridge, ConnectionId connection) {
    faxbridge
        .bean(JdbcClient.class)
        .sql("update inbound_fax set next_attempt_at = now() where connection_id = :c")
        .param("c", connection.value())
        .update();
  }
}
