package dev.faxbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.fax.FaxLedger;
import dev.faxbridge.fax.FaxState;
import dev.faxbridge.fax.InboundFax;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.Emulators;
import dev.faxbridge.testing.FaxbridgeInstance;
import dev.faxbridge.testing.Operator;
import dev.faxbridge.testing.TestEnvironment;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Per tenant, a delivered fax is left alone, marked read or deleted at the source; never before.
 */
class SourceAcknowledgementTest {

  @RegisterExtension static final Emulators EMULATORS = Emulators.started();

  @Test
  void leavesDeliveredFaxesAloneByDefault() throws Exception {
    TestEnvironment environment = EMULATORS.environment();
    Clinic clinic = environment.clinic("Quiet");
    String message = clinic.receiveFax(0, 1).messageId();
    try (FaxbridgeInstance faxbridge = environment.startFaxbridge()) {
      ConnectionId connection = Operator.connect(faxbridge, "quiet", clinic);
      assertThat(faxbridge.bean(SyncConnection.class).run(connection).delivered()).isEqualTo(1);
      assertThat(only(faxbridge, connection).state()).isEqualTo(FaxState.DELIVERED);
    }
    assertThat(
            EMULATORS
                .ringCentral()
                .readStatus(clinic.account().id(), clinic.mailboxIds().get(0), message))
        .isEqualTo("Unread");
  }

  @Test
  void marksAFaxReadAtTheSourceOnlyOnceItIsDelivered() throws Exception {
    TestEnvironment environment = EMULATORS.environment();
    Clinic clinic = environment.clinic("Reader");
    String message = clinic.receiveFax(1, 1).messageId();
    try (FaxbridgeInstance faxbridge = environment.startFaxbridge()) {
      ConnectionId connection = Operator.connect(faxbridge, "reader", clinic);
      setMode(faxbridge, connection, "mark-read");
      Files.createDirectories(environment.inbox());
      Path blocker = environment.inbox().resolve("reader");
      Files.writeString(blocker, "a file where the tenant's folder should be");

      assertThat(faxbridge.bean(SyncConnection.class).run(connection).failed()).isEqualTo(1);
      assertThat(
              EMULATORS
                  .ringCentral()
                  .readStatus(clinic.account().id(), clinic.mailboxIds().get(1), message))
          .as("not acknowledged while undelivered")
          .isEqualTo("Unread");

      Files.delete(blocker);
      faxbridge
          .bean(JdbcClient.class)
          .sql("update inbound_fax set next_attempt_at = now() where connection_id = :c")
          .param("c", connection.value())
          .update();
      assertThat(faxbridge.bean(SyncConnection.class).run(connection).delivered()).isEqualTo(1);

      assertThat(only(faxbridge, connection).state()).isEqualTo(FaxState.ACKNOWLEDGED);
    }
    assertThat(
            EMULATORS
                .ringCentral()
                .readStatus(clinic.account().id(), clinic.mailboxIds().get(1), message))
        .isEqualTo("Read");
  }

  @Test
  void deletesADeliveredFaxAtTheSourceAndDoesNotDeliverItAgain() throws Exception {
    TestEnvironment environment = EMULATORS.environment();
    Clinic clinic = environment.clinic("Tidy");
    String message = clinic.receiveFax(0, 1).messageId();
    try (FaxbridgeInstance faxbridge = environment.startFaxbridge()) {
      ConnectionId connection = Operator.connect(faxbridge, "tidy", clinic);
      setMode(faxbridge, connection, "DELETE");

      assertThat(faxbridge.bean(SyncConnection.class).run(connection).delivered()).isEqualTo(1);
      SyncReport again = faxbridge.bean(SyncConnection.class).run(connection);

      assertThat(again.newFaxes()).isZero();
      assertThat(again.delivered()).isZero();
      assertThat(only(faxbridge, connection).state()).isEqualTo(FaxState.ACKNOWLEDGED);
    }
    assertThat(
            EMULATORS
                .ringCentral()
                .availability(clinic.account().id(), clinic.mailboxIds().get(0), message))
        .isEqualTo("Deleted");
  }

  @Test
  void refusesAnUnknownMode() throws Exception {
    TestEnvironment environment = EMULATORS.environment();
    Clinic clinic = environment.clinic("Picky");
    try (FaxbridgeInstance faxbridge = environment.startFaxbridge()) {
      ConnectionId connection = Operator.connect(faxbridge, "picky", clinic);
      String tenant = faxbridge.bean(Connections.class).get(connection).tenantId().toString();
      HttpResponse<String> refused =
          faxbridge.api(
              "PUT", "/api/tenants/" + tenant + "/acknowledgement", "{\"mode\":\"shred\"}");
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body()).contains("'shred'");
      assertThat(
              Operator.json(
                      faxbridge.api("GET", "/api/tenants/" + tenant + "/acknowledgement", null))
                  .get("mode")
                  .asString())
          .isEqualTo("NONE");
    }
  }

  private static void setMode(FaxbridgeInstance faxbridge, ConnectionId connection, String mode) {
    String tenant = faxbridge.bean(Connections.class).get(connection).tenantId().toString();
    HttpResponse<String> answer =
        faxbridge.api(
            "PUT", "/api/tenants/" + tenant + "/acknowledgement", "{\"mode\":\"" + mode + "\"}");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
  }

  private static InboundFax only(FaxbridgeInstance faxbridge, ConnectionId connection) {
    var tenant = faxbridge.bean(Connections.class).get(connection).tenantId();
    List<InboundFax> faxes = faxbridge.bean(FaxLedger.class).forTenant(tenant);
    assertThat(faxes).hasSize(1);
    return faxes.get(0);
  }
}
