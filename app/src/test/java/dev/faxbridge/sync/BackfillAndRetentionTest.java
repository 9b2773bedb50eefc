package dev.faxbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.Emulators;
import dev.faxbridge.testing.FaxbridgeInstance;
import dev.faxbridge.testing.Operator;
import dev.faxbridge.testing.TestEnvironment;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** An operator back-fills a connection from a date; faxbridge warns before faxes age out. */
class BackfillAndRetentionTest {

  @RegisterExtension static final Emulators EMULATORS = Emulators.started();

  @Test
  void aBackfillFromADateDeliversFaxesOlderThanTheFirstListingReached() throws Exception {
    TestEnvironment environment = EMULATORS.environment();
    Clinic clinic = environment.clinic("Archive");
    String old = clinic.receiveFaxAt(1, 1, Instant.now().minus(Duration.ofDays(5))).messageId();
    clinic.receiveFax(0, 1);
    Map<String, Object> properties = environment.properties();
    properties.put("faxbridge.sync.initial-lookback", "1d");
    try (FaxbridgeInstance faxbridge = FaxbridgeInstance.start(properties)) {
      ConnectionId connection = Operator.connect(faxbridge, "archive", clinic);
      SyncConnection sync = faxbridge.bean(SyncConnection.class);
      assertThat(sync.run(connection).delivered()).isEqualTo(1);

      HttpResponse<String> backfill =
          faxbridge.api(
              "POST",
              "/api/connections/" + connection + "/backfill",
              "{\"from\":\"" + Instant.now().minus(Duration.ofDays(7)) + "\"}");
      assertThat(backfill.statusCode()).as(backfill.body()).isEqualTo(202);
      assertThat(Operator.json(backfill).get("status").asString()).isEqualTo("requested");
      SyncReport afterBackfill = sync.run(connection);

      assertThat(afterBackfill.newFaxes()).isEqualTo(1);
      assertThat(afterBackfill.delivered()).isEqualTo(1);
      assertThat(faxbridge.api("GET", "/api/dead-letters", null).statusCode()).isEqualTo(200);
    }
    assertThat(
            dev.faxbridge.testing.DropFolder.of(environment.inbox(), "archive")
                .sidecarContents()
                .stream()
                .map(s -> s.get("ringcentral").get("messageId").asString()))
        .contains(old)
        .hasSize(2);
  }

  @Test
  void aBackfillNeedsAPastInstant() throws Exception {
    TestEnvironment environment = EMULATORS.environment();
    Clinic clinic = environment.clinic("Future");
    try (FaxbridgeInstance faxbridge = environment.startFaxbridge()) {
      ConnectionId connection = Operator.connect(faxbridge, "future", clinic);
      HttpResponse<String> garbled =
          faxbridge.api(
              "POST", "/api/connections/" + connection + "/backfill", "{\"from\":\"last week\"}");
      assertThat(garbled.statusCode()).isEqualTo(400);
      assertThat(garbled.body()).contains("'last week'");
      HttpResponse<String> future =
          faxbridge.api(
              "POST",
              "/api/connections/" + connection + "/backfill",
              "{\"from\":\"" + Instant.now().plus(Duration.ofDays(1)) + "\"}");
      assertThat(future.statusCode()).isEqualTo(400);
    }
  }

  @Test
  void warnsWhenTheOldestUndeliveredFaxApproachesTheRetentionWindow() throws Exception {
    TestEnvironment environment = EMULATORS.environment();
    Clinic atRisk = environment.clinic("Late");
    Clinic healthy = environment.clinic("Fine");
    Instant received = Instant.now().minus(Duration.ofDays(25));
    atRisk.receiveFaxAt(0, 1, received);
    healthy.receiveFax(0, 1);
    try (FaxbridgeInstance faxbridge = environment.startFaxbridge()) {
      ConnectionId late = Operator.connect(faxbridge, "late", atRisk);
      ConnectionId fine = Operator.connect(faxbridge, "fine", healthy);
      Files.createDirectories(environment.inbox());
      Files.writeString(environment.inbox().resolve("late"), "blocks the tenant's folder");
      SyncConnection sync = faxbridge.bean(SyncConnection.class);
      assertThat(sync.run(late).failed()).isEqualTo(1);
      assertThat(sync.run(fine).delivered()).isEqualTo(1);

      JsonNode statuses = Operator.json(faxbridge.api("GET", "/api/retention", null));

      JsonNode lateStatus = bySlug(statuses, "late");
      assertThat(lateStatus.get("warning").asBoolean()).isTrue();
      assertThat(Instant.parse(lateStatus.get("lostAfter").asString()))
          .isBetween(
              received.plus(Duration.ofDays(30)).minusSeconds(1),
              received.plus(Duration.ofDays(30)).plusSeconds(1));
      assertThat(bySlug(statuses, "fine").get("warning").asBoolean()).isFalse();
      assertThat(lateStatus.get("tenantId").isString())
          .as("ids are plain strings, as in every other answer")
          .isTrue();
      assertThat(faxbridge.api("GET", "/actuator/prometheus", null).body())
          .containsPattern(
              "faxbridge_retention_oldest_at_risk_age_seconds\\{tenant=\"late\"} 216\\d{4}\\.0");
    }
  }

  private static JsonNode bySlug(JsonNode statuses, String slug) {
    for (JsonNode status : statuses) {
      if (status.get("tenantSlug").asString().equals(slug)) {
        return status;
      }
    }
    throw new AssertionError("no retention status for " + slug + " in " + statuses);
  }
}
