package dev.faxbridge.sync;

import static org.awaitility.Awaitility.await;

import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.DropFolder;
import dev.faxbridge.testing.Emulators;
import dev.faxbridge.testing.FaxbridgeInstance;
import dev.faxbridge.testing.Operator;
import dev.faxbridge.testing.TestEnvironment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A backlog larger than one run's delivery batch drains run after run, paced only by the rate-limit
 * budget, instead of waiting a whole sync interval between batches.
 */
class BacklogBeyondOneBatchTest {

  @RegisterExtension final Emulators emulators = Emulators.startedForEachTest();

  @Test
  void aRunThatStopsAtAFullBatchIsFollowedAtOnceByTheNext() throws Exception {
    TestEnvironment environment = emulators.environment();
    Clinic clinic = environment.clinic("Backlog");
    for (int i = 0; i < 12; i++) {
      clinic.receiveFax(i % 2, 1);
    }
    Map<String, Object> properties = environment.properties();
    properties.put("db-scheduler.enabled", "true");
    properties.put("db-scheduler.polling-interval", "200ms");
    properties.put("faxbridge.sync.delivery-batch", "5");

    try (FaxbridgeInstance faxbridge = FaxbridgeInstance.start(properties)) {
      Operator.connect(faxbridge, "backlog", clinic, 600);
      DropFolder folder = DropFolder.of(environment.inbox(), "backlog");
      await()
          .atMost(Duration.ofSeconds(30))
          .alias("three batches of at most 5, though the tenant syncs every 10 minutes")
          .until(() -> folder.sidecars().size() == 12);
    }
  }
}
