package dev.faxbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.emulator.Fault;
import dev.faxbridge.emulator.FaultRule;
import dev.faxbridge.emulator.FaxMessage;
import dev.faxbridge.fax.FaxLedger;
import dev.faxbridge.fax.FaxState;
import dev.faxbridge.fax.InboundFax;
import dev.faxbridge.tenant.Tenants;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.DropFolder;
import dev.faxbridge.testing.Emulators;
import dev.faxbridge.testing.FaxbridgeInstance;
import dev.faxbridge.testing.Operator;
import dev.faxbridge.testing.TestEnvironment;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** A fax that keeps failing becomes a dead letter, blocks nobody, and an operator can retry it. */
class DeadLetterTest {

  @RegisterExtension static final Emulators EMULATORS = Emulators.started();

  @Test
  void oneStuckFaxNeverBlocksTheOthersAndAnOperatorRetriesItOnceItCanSucceed() throws Exception {
    TestEnvironment environment = EMULATORS.environment();
    Clinic clinic = environment.clinic("Willow");
    FaxMessage stuck = clinic.receiveFax(0, 2);
    for (int i = 0; i < 4; i++) {
      clinic.receiveFax(i % 2, 1);
    }
    String stuckContent = stuck.contentPath();
    EMULATORS
        .ringCentral()
        .injectFault(FaultRule.once("GET", stuckContent, Fault.status(500)).always());
    Map<String, Object> properties = environment.properties();
    properties.put("faxbridge.sync.max-attempts", "2");
    properties.put("faxbridge.sync.retry-base", "10ms");
    properties.put("faxbridge.sync.retry-max", "10ms");
    properties.put("faxbridge.ringcentral.rate-limits.call-attempts", "1");
    try (FaxbridgeInstance faxbridge = FaxbridgeInstance.start(properties)) {
      ConnectionId connection = Operator.connect(faxbridge, "willow", clinic);
      SyncConnection sync = faxbridge.bean(SyncConnection.class);

      SyncReport first = sync.run(connection);
      assertThat(first.delivered()).isEqualTo(4);
      assertThat(first.failed()).isEqualTo(1);
      FaxLedger ledger = faxbridge.bean(FaxLedger.class);
      await().until(() -> !ledger.due(connection, 10).isEmpty()); // its backoff has passed
      assertThat(sync.run(connection).failed()).isEqualTo(1);

      HttpResponse<String> deadLetters =
          faxbridge.api("GET", "/api/dead-letters?tenant=willow", null);
      assertThat(deadLetters.statusCode()).isEqualTo(200);
      assertThat(deadLetters.body()).doesNotContain("+1650555");
      JsonNode letters = Operator.json(deadLetters).get("items");
      assertThat(letters).hasSize(1);
      assertThat(Operator.json(deadLetters).get("nextCursor").isNull()).isTrue();
      JsonNode letter = letters.get(0);
      assertThat(letter.get("messageId").asString()).isEqualTo(stuck.messageId());
      assertThat(letter.get("state").asString()).isEqualTo("ABANDONED");
      assertThat(letter.get("attempts").asInt()).isEqualTo(2);
      assertThat(letter.get("lastError").asString()).contains("500");
      assertThat(faxbridge.api("GET", "/actuator/prometheus", null).body())
          .contains("faxbridge_faxes_dead_letters{tenant=\"willow\"} 1.0")
          .contains("faxbridge_faxes_abandoned_total{tenant=\"willow\"} 1.0");
      assertThat(sync.run(connection).failed())
          .as("a dead letter is not retried by itself")
          .isZero();

      EMULATORS.ringCentral().clearFaults();
      HttpResponse<String> retried =
          faxbridge.api(
              "POST", "/api/dead-letters/" + letter.get("id").asString() + "/retry", null);
      assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
      assertThat(Operator.json(retried).get("state").asString()).isEqualTo("DISCOVERED");
      assertThat(
              faxbridge
                  .api("POST", "/api/dead-letters/" + letter.get("id").asString() + "/retry", null)
                  .statusCode())
          .as("retrying twice: the fax is there, but no dead letter any more")
          .isEqualTo(409);

      assertThat(sync.run(connection).delivered()).isEqualTo(1);
      assertThat(Operator.json(faxbridge.api("GET", "/api/dead-letters", null)).get("items"))
          .isEmpty();
      var tenant = faxbridge.bean(Tenants.class).findBySlug("willow").orElseThrow().id();
      assertThat(faxbridge.bean(FaxLedger.class).forTenant(tenant))
          .extracting(InboundFax::state)
          .containsOnly(FaxState.DELIVERED);
      assertThat(faxbridge.api("GET", "/actuator/prometheus", null).body())
          .contains("faxbridge_faxes_delivered_total{tenant=\"willow\"} 5.0")
          .contains("faxbridge_faxes_delivery_latency_seconds_count{tenant=\"willow\"} 5")
          .contains("faxbridge_faxes_failed_total{tenant=\"willow\"} 1.0")
          .contains("faxbridge_faxes_dead_letters{tenant=\"willow\"} 0.0")
          .contains(
              "faxbridge_sync_duration_seconds_count{outcome=\"completed\",tenant=\"willow\"}")
          .doesNotContain("6505550");
    }
    assertThat(DropFolder.of(environment.inbox(), "willow").documents()).hasSize(5);
  }

  @Test
  void retryingSomethingThatIsNoDeadLetterIsRefused() throws Exception {
    TestEnvironment environment = EMULATORS.environment();
    try (FaxbridgeInstance faxbridge = environment.startFaxbridge()) {
      assertThat(
              faxbridge
                  .api("POST", "/api/dead-letters/7d1f7f8e-3a2c-4d8f-9c1e-2f0a3b4c5d6e/retry", null)
                  .statusCode())
          .isEqualTo(404);
      HttpResponse<String> garbage = faxbridge.api("POST", "/api/dead-letters/nope/retry", null);
      assertThat(garbage.statusCode()).as("no fax has that id").isEqualTo(404);
      assertThat(garbage.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(garbage.body()).contains("'nope'");
    }
  }
}
