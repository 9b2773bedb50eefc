package dev.faxbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.emulator.Fault;
import dev.faxbridge.emulator.FaultRule;
import dev.faxbridge.emulator.RingCentralEmulator;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.Emulators;
import dev.faxbridge.testing.FaxbridgeInstance;
import dev.faxbridge.testing.Operator;
import dev.faxbridge.testing.TestEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Continuing a clinic's back-fill is the last thing a node does. A clinic's rate-limit window
 * starts with its first download, and a backlog larger than a window can only finish one window
 * after that, so in a wave of connections each clinic's first download must not wait for the
 * back-fills of the clinics before it. With a single scheduler thread, a clinic that connects while
 * another clinic's back-fill is under way is served at once; the back-fill gives way between two
 * faxes and goes on afterwards.
 */
class BackfillGivesWayTest {

  private static final String CONTENT =
      "/restapi/v1.0/account/{accountId}/extension/{extensionId}/message-store/{messageId}/content/{attachmentId}";
  private static final int BACKLOG = 30;

  @RegisterExtension final Emulators emulators = Emulators.startedForEachTest();

  @Test
  void aClinicThatJustConnectedIsServedBeforeAnotherClinicsBackfillGoesOn() throws Exception {
    RingCentralEmulator emulator = emulators.ringCentral();
    emulator.rateLimitsEnabled(false);
    // Each download takes 100 ms, so the large clinic's back-fill lasts about three seconds; its
    // downloads stay within one rate-limit window.
    emulator.injectFault(
        FaultRule.once("GET", CONTENT, Fault.delay(Duration.ofMillis(100))).always());
    TestEnvironment environment = emulators.environment();
    Clinic large = environment.clinic("Large");
    for (int i = 0; i < BACKLOG; i++) {
      large.receiveFax(0, 1);
    }
    Clinic small = environment.clinic("Small");
    small.receiveFax(0, 1);
    Map<String, Object> properties = environment.properties();
    properties.put("db-scheduler.enabled", "true");
    properties.put("db-scheduler.threads", "1");
    properties.put("db-scheduler.polling-interval", "200ms");

    try (FaxbridgeInstance faxbridge = FaxbridgeInstance.start(properties)) {
      JdbcClient jdbc = faxbridge.bean(JdbcClient.class);
      ConnectionId largeConnection = Operator.connect(faxbridge, "large", large, 600);
      await()
          .atMost(Duration.ofSeconds(30))
          .alias("the large clinic's back-fill is under way")
          .until(() -> DeliveryTimes.of(jdbc, largeConnection).size() >= 2);
      ConnectionId smallConnection = Operator.connect(faxbridge, "small", small, 600);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> DeliveryTimes.of(jdbc, largeConnection).size() == BACKLOG);

      List<Instant> smallTimes = DeliveryTimes.of(jdbc, smallConnection);
      assertThat(smallTimes).hasSize(1);
      assertThat(DeliveryTimes.of(jdbc, largeConnection))
          .as("the large clinic's faxes delivered after the small clinic's first")
          .filteredOn(at -> at.isAfter(smallTimes.get(0)))
          .hasSizeGreaterThan(BACKLOG / 2);
      await()
          .atMost(Duration.ofSeconds(30))
          .alias("once the back-fill is done, both connections' next runs are regular ones")
          .until(
              () ->
                  jdbc.sql("select distinct priority from scheduled_tasks where task_name = :task")
                      .param("task", SyncSchedule.TASK)
                      .query(Integer.class)
                      .list()
                      .equals(List.of(SyncPriority.REGULAR)));
    }
  }
}
