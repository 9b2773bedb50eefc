package dev.faxbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sync-now, back-fill and dead-letter retry while the connection's sync runs: each answers 202 and
 * takes effect right after that sync, and the running sync cannot undo the back-fill.
 */
class OperatorActionsDuringASyncTest {

  private static final String CONTENT =
      "/restapi/v1.0/account/{accountId}/extension/{extensionId}/message-store/{messageId}/content/{attachmentId}";

  @RegisterExtension final Emulators emulators = Emulators.startedForEachTest();

  @Test
  void syncNowBackfillAndRetryDuringARunningSyncAnswer202AndTakeEffectRightAfterIt() {
    Clinic clinic = emulators.environment().clinic("Busy desk");
    String old = clinic.receiveFaxAt(1, 1, Instant.now().minus(Duration.ofDays(5))).messageId();
    String first = clinic.receiveFax(0, 1).messageId();
    Map<String, Object> properties = emulators.environment().properties();
    properties.put("db-scheduler.enabled", "true");
    properties.put("db-scheduler.polling-interval", "200ms");
    properties.put("db-scheduler.threads", "2");
    properties.put("faxbridge.sync.initial-lookback", "1d");
    try (FaxbridgeInstance faxbridge = FaxbridgeInstance.start(properties)) {
      ConnectionId connection = Operator.connect(faxbridge, "busy-desk", clinic, 3600);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  state(faxbridge, connection, first)
                      .filter(s -> s == FaxState.DELIVERED)
                      .isPresent());
      InboundFax dead = fax(faxbridge, connection, first).orElseThrow();
      faxbridge
          .bean(JdbcClient.class)
          .sql("update inbound_fax set state = 'ABANDONED', last_error = 'given up' where id = :id")
          .param("id", dead.id())
          .update();
      // The next sync hangs in a slow download while the operator acts.
      emulators
          .ringCentral()
          .injectFault(FaultRule.once("GET", CONTENT, Fault.delay(Duration.ofSeconds(6))));
      String slow = clinic.receiveFax(0, 1).messageId();
      assertThat(
              faxbridge.api("POST", "/api/connections/" + connection + "/sync", null).statusCode())
          .isEqualTo(202);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  running(faxbridge, connection) && state(faxbridge, connection, slow).isPresent());

      HttpResponse<String> syncNow =
          faxbridge.api("POST", "/api/connections/" + connection + "/sync", null);
      HttpResponse<String> backfill =
          faxbridge.api(
              "POST",
              "/api/connections/" + connection + "/backfill",
              "{\"from\":\"" + Instant.now().minus(Duration.ofDays(7)) + "\"}");
      HttpResponse<String> retry =
          faxbridge.api("POST", "/api/dead-letters/" + dead.id() + "/retry", null);

      assertThat(state(faxbridge, connection, slow))
          .as("the sync was still running while the operator acted")
          .hasValueSatisfying(s -> assertThat(s).isNotEqualTo(FaxState.DELIVERED));
      assertThat(List.of(syncNow, backfill, retry))
          .allSatisfy(answer -> assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202));
      assertThat(Operator.json(syncNow).get("status").asString()).isEqualTo("running");
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                assertThat(state(faxbridge, connection, slow)).contains(FaxState.DELIVERED);
                assertThat(state(faxbridge, connection, old))
                    .as("the back-fill was applied after the running sync")
                    .contains(FaxState.DELIVERED);
                assertThat(state(faxbridge, connection, first)).contains(FaxState.DELIVERED);
              });
    }
  }

  private static boolean running(FaxbridgeInstance faxbridge, ConnectionId connection) {
    return faxbridge
        .bean(JdbcClient.class)
        .sql("select picked from scheduled_tasks where task_instance = :id")
        .param("id", connection.toString())
        .query(Boolean.class)
        .optional()
        .orElse(false);
  }

  private static Optional<InboundFax> fax(
      FaxbridgeInstance faxbridge, ConnectionId connection, String messageId) {
    return faxbridge
        .bean(FaxLedger.class)
        .forTenant(faxbridge.bean(Connections.class).get(connection).tenantId())
        .stream()
        .filter(f -> f.source().messageId().equals(messageId))
        .findFirst();
  }

  private static Optional<FaxState> state(
      FaxbridgeInstance faxbridge, ConnectionId connection, String messageId) {
    return fax(faxbridge, connection, messageId).map(InboundFax::state);
  }
}
