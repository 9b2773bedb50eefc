package dev.faxbridge.provider.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.emulator.LoggedRequest;
import dev.faxbridge.emulator.RingCentralEmulator;
import dev.faxbridge.sync.SyncConnection;
import dev.faxbridge.sync.SyncReport;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.FaxbridgeInstance;
import dev.faxbridge.testing.Operator;
import dev.faxbridge.testing.TestEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rate-limit lanes belong to the RingCentral user, as the platform counts them: every connection
 * acting as that user shares them, and a node that starts continues from what the database
 * remembers of them, so neither a second connection nor a restart draws a 429. The emulator's
 * window is a minute, longer than each test, so nothing leaves it meanwhile.
 */
class SharedLanesTest {

  private static final int MEDIUM_LIMIT = 6;

  @TempDir Path data;
  private RingCentralEmulator emulator;
  private TestEnvironment environment;

  @BeforeEach
  void start() {
    emulator = RingCentralEmulator.builder().start();
    emulator.rateLimitTiming(Duration.ofSeconds(60), Duration.ofSeconds(60));
    emulator.rateLimit("Medium", MEDIUM_LIMIT);
    environment = TestEnvironment.create(emulator, data);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private FaxbridgeInstance node() {
    Map<String, Object> properties = environment.properties();
    properties.put("faxbridge.ringcentral.rate-limits.remember-every", "100ms");
    return FaxbridgeInstance.start(properties);
  }

  @Test
  void twoConnectionsOfOneRingCentralUserShareOneLane() {
    Clinic clinic = Clinic.create(emulator, environment.app().clientId(), "Shared");
    for (int i = 0; i < 10; i++) {
      clinic.receiveFax(i % 2, 1);
    }
    try (FaxbridgeInstance faxbridge = node()) {
      ConnectionId first = Operator.connect(faxbridge, "shared-one", clinic);
      ConnectionId second = Operator.connect(faxbridge, "shared-two", clinic);
      SyncConnection sync = faxbridge.bean(SyncConnection.class);

      SyncReport firstRun = sync.run(first);
      long mediumAfterFirst = medium(emulator.requestLog()).size();
      SyncReport secondRun = sync.run(second);

      assertThat(firstRun.outcome()).isEqualTo(SyncReport.Outcome.RATE_LIMITED);
      assertThat(secondRun.outcome()).isEqualTo(SyncReport.Outcome.RATE_LIMITED);
      assertThat(secondRun.delivered()).isZero();
      assertThat(medium(emulator.requestLog()))
          .as("the second connection found the user's Medium lane already full")
          .hasSize((int) mediumAfterFirst)
          .hasSize(MEDIUM_LIMIT);
      List<RateLimitUse.Lane> mediumLanes =
          faxbridge.bean(RateLimitUse.class).now().stream()
              .filter(lane -> lane.group().equals("medium"))
              .toList();
      assertThat(mediumLanes)
          .singleElement()
          .satisfies(
              lane -> {
                assertThat(lane.holder())
                    .isEqualTo(clinic.account().id() + "/" + clinic.account().ownerExtensionId());
                assertThat(lane.used()).isEqualTo(MEDIUM_LIMIT);
              });
    }
    assertThat(emulator.requestLog()).noneMatch(r -> r.status() == 429);
  }

  @Test
  void aNodeStartedAfterAnOrderlyStopContinuesFromTheRememberedUse() {
    Clinic clinic = Clinic.create(emulator, environment.app().clientId(), "Restart");
    for (int i = 0; i < 10; i++) {
      clinic.receiveFax(i % 2, 1);
    }
    ConnectionId connection;
    try (FaxbridgeInstance before = node()) {
      connection = Operator.connect(before, "restart", clinic);
      assertThat(before.bean(SyncConnection.class).run(connection).outcome())
          .isEqualTo(SyncReport.Outcome.RATE_LIMITED);
    }
    assertThat(medium(emulator.requestLog())).hasSize(MEDIUM_LIMIT);
    emulator.clearRequestLog();

    try (FaxbridgeInstance after = node()) {
      SyncReport report = after.bean(SyncConnection.class).run(connection);

      assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.RATE_LIMITED);
      assertThat(report.resumeAt()).isAfter(Instant.now());
      assertThat(medium(emulator.requestLog()))
          .as("Medium requests after the restart, with the window still full")
          .isEmpty();
    }
    assertThat(emulator.requestLog()).noneMatch(r -> r.status() == 429);
  }

  @Test
  void aNodeStartedWhileAnotherMayStillBeSendingCountsItsLanesAsFull() {
    Clinic clinic = Clinic.create(emulator, environment.app().clientId(), "Crash");
    for (int i = 0; i < 3; i++) {
      clinic.receiveFax(i % 2, 1);
    }
    try (FaxbridgeInstance first = node()) {
      ConnectionId connection = Operator.connect(first, "crash", clinic);
      SyncReport firstRun = first.bean(SyncConnection.class).run(connection);
      assertThat(firstRun.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
      assertThat(medium(emulator.requestLog()))
          .as("the first node left room in the window")
          .hasSizeLessThan(MEDIUM_LIMIT);
      // The first node never stops cleanly here, as if it had died: what it wrote may miss calls.
      await(first);
      clinic.receiveFax(0, 1);
      emulator.clearRequestLog();

      try (FaxbridgeInstance second = node()) {
        SyncReport report = second.bean(SyncConnection.class).run(connection);

        assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.RATE_LIMITED);
        assertThat(medium(emulator.requestLog())).isEmpty();
      }
    }
    assertThat(emulator.requestLog()).noneMatch(r -> r.status() == 429);
  }

  @Test
  void aSyncThatGaveUpOnOneNodeContinuesOnAnotherFromWhatTheFirstSent() {
    Clinic clinic = Clinic.create(emulator, environment.app().clientId(), "Two nodes");
    for (int i = 0; i < 10; i++) {
      clinic.receiveFax(i % 2, 1);
    }
    try (FaxbridgeInstance first = node();
        FaxbridgeInstance second = node()) {
      // The second node connects the clinic, so its lanes of that user carry the onboarding's
      // calls.
      ConnectionId connection = Operator.connect(second, "two-nodes", clinic);
      SyncReport onFirst = first.bean(SyncConnection.class).run(connection);
      assertThat(onFirst.outcome()).isEqualTo(SyncReport.Outcome.RATE_LIMITED);
      assertThat(medium(emulator.requestLog())).hasSize(MEDIUM_LIMIT);
      emulator.clearRequestLog();

      SyncReport onSecond = second.bean(SyncConnection.class).run(connection);

      assertThat(onSecond.outcome()).isEqualTo(SyncReport.Outcome.RATE_LIMITED);
      assertThat(medium(emulator.requestLog()))
          .as("Medium requests of the second node while the first had filled the window")
          .isEmpty();
    }
    assertThat(emulator.requestLog()).noneMatch(r -> r.status() == 429);
  }

  /** Until the node has written its lanes at least once. */
  private static void await(FaxbridgeInstance node) {
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                node.bean(org.springframework.jdbc.core.simple.JdbcClient.class)
                        .sql("select count(*) from rate_limit_lane where grp = 'MEDIUM'")
                        .query(Integer.class)
                        .single()
                    > 0);
  }

  private static List<LoggedRequest> medium(List<LoggedRequest> log) {
    return log.stream().filter(r -> r.rateLimitGroup().equals("Medium")).toList();
  }
}
