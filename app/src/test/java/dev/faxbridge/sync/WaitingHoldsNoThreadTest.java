package dev.faxbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.emulator.RingCentralEmulator;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.DropFolder;
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
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A sync whose rate-limit lane is full gives its scheduler thread back and resumes when the lane
 * opens. With a single scheduler thread, two clinics whose backlogs need several windows each are
 * served in turns (a sync that waited in its thread would finish its clinic before the other
 * started), every fax is delivered exactly once, and no request draws a 429. The scheduler polls
 * only once a minute here, so the resumed syncs are started by their lane opening, not by a poll.
 */
class WaitingHoldsNoThreadTest {

  private static final int MEDIUM_LIMIT = 4;

  @TempDir Path data;
  private RingCentralEmulator emulator;
  private TestEnvironment environment;

  @BeforeEach
  void start() {
    emulator = RingCentralEmulator.builder().start();
    emulator.rateLimitTiming(Duration.ofSeconds(3), Duration.ofSeconds(3));
    emulator.rateLimit("Medium", MEDIUM_LIMIT);
    environment = TestEnvironment.create(emulator, data);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void aSyncWhoseLaneIsFullGivesItsThreadBackAndResumesWhenTheLaneOpens() throws Exception {
    Clinic north = Clinic.create(emulator, environment.app().clientId(), "North");
    Clinic south = Clinic.create(emulator, environment.app().clientId(), "South");
    for (int i = 0; i < 10; i++) {
      north.receiveFax(i % 2, 1);
      south.receiveFax(i % 2, 1);
    }
    Map<String, Object> properties = environment.properties();
    properties.put("db-scheduler.enabled", "true");
    properties.put("db-scheduler.threads", "1");
    properties.put("db-scheduler.polling-interval", "1m");
    properties.put("faxbridge.ringcentral.rate-limits.default-window", "3s");
    // Any wait longer than this gives the thread back (a slow machine's calls spread over the
    // window would otherwise leave only short waits, which a sync takes in its thread).
    properties.put("faxbridge.ringcentral.rate-limits.max-wait", "100ms");
    try (FaxbridgeInstance faxbridge = FaxbridgeInstance.start(properties)) {
      ConnectionId northConnection = Operator.connect(faxbridge, "north", north, 3600);
      ConnectionId southConnection = Operator.connect(faxbridge, "south", south, 3600);
      JdbcClient jdbc = faxbridge.bean(JdbcClient.class);

      await()
          .atMost(Duration.ofSeconds(90))
          .until(
              () ->
                  jdbc.sql("select count(*) from inbound_fax where state = 'DELIVERED'")
                          .query(Integer.class)
                          .single()
                      == 20);

      List<Instant> northTimes = DeliveryTimes.of(jdbc, northConnection);
      List<Instant> southTimes = DeliveryTimes.of(jdbc, southConnection);
      assertThat(northTimes).hasSize(10);
      assertThat(southTimes).hasSize(10);
      assertThat(southTimes.get(0))
          .as("the south clinic was served before the north one had all its faxes")
          .isBefore(northTimes.get(northTimes.size() - 1));
      assertThat(northTimes.get(0))
          .as("the north clinic was served before the south one had all its faxes")
          .isBefore(southTimes.get(southTimes.size() - 1));
    }
    assertThat(emulator.requestLog()).noneMatch(r -> r.status() == 429);
    for (String slug : List.of("north", "south")) {
      DropFolder folder = DropFolder.of(environment.inbox(), slug);
      assertThat(folder.documents()).as(slug).hasSize(10);
      folder.assertEveryDocumentMatchesItsSidecar();
    }
  }
}
