package dev.faxbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.emulator.Fault;
import dev.faxbridge.emulator.FaultRule;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.Emulators;
import dev.faxbridge.testing.FaxbridgeInstance;
import dev.faxbridge.testing.Operator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node that stops while its sync waits for rate-limit budget ends that sync at once and leaves
 * its scheduler row free and due, so any node (or the same one, restarted) continues right away.
 */
class OrderlyShutdownTest {

  private static final String MESSAGE_STORE =
      "/restapi/v1.0/account/{accountId}/extension/{extensionId}/message-store";

  @RegisterExtension final Emulators emulators = Emulators.startedForEachTest();

  @Test
  void aSyncWaitingForItsRateLimitLaneEndsPromptlyAndItsRowIsFreeAndDue() throws Exception {
    Clinic clinic = emulators.environment().clinic("Paced");
    clinic.receiveFax(0, 1);
    Map<String, Object> properties = emulators.environment().properties();
    properties.put("db-scheduler.enabled", "true");
    properties.put("db-scheduler.polling-interval", "200ms");
    properties.put("faxbridge.ringcentral.rate-limits.max-wait", "10m");
    FaxbridgeInstance faxbridge = FaxbridgeInstance.start(properties);
    ConnectionId connection;
    try {
      connection = syncWaitingForBudget(faxbridge, clinic);
    } catch (RuntimeException | AssertionError e) {
      faxbridge.close();
      throw e;
    }

    CompletableFuture<Void> stopping = CompletableFuture.runAsync(faxbridge::close);

    await()
        .atMost(Duration.ofSeconds(20))
        .alias("the node stops without serving out the 60 s penalty")
        .until(stopping::isDone);
    stopping.join();
    Row row = scheduledRow(connection);
    assertThat(row.picked()).as("the sync returned and gave its row back").isFalse();
    assertThat(row.executionTime())
        .as("due at once for whichever node comes next")
        .isBefore(Instant.now().plusSeconds(1));
    assertThat(emulators.ringCentral().requestLog().stream().filter(r -> r.status() == 429))
        .hasSize(1);
  }

  /** Connects the clinic, lets its first sync finish, then starts one that waits for budget. */
  private ConnectionId syncWaitingForBudget(FaxbridgeInstance faxbridge, Clinic clinic) {
    ConnectionId connection = Operator.connect(faxbridge, "paced", clinic, 3600);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> emulators.environment().inbox().resolve("paced").toFile().exists());
    await().atMost(Duration.ofSeconds(30)).until(() -> !scheduledRow(connection).picked());
    // A 429 with Retry-After: 60 closes the Light lane; the next sync's listing waits for it.
    emulators.ringCentral().injectFault(FaultRule.once("GET", MESSAGE_STORE, Fault.status(429)));
    faxbridge.api("POST", "/api/connections/" + connection + "/sync", null);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> emulators.ringCentral().requestLog().stream().anyMatch(r -> r.status() == 429));
    assertThat(scheduledRow(connection).picked()).as("the sync is running").isTrue();
    return connection;
  }

  private record Row(boolean picked, Instant executionTime) {}

  private Row scheduledRow(ConnectionId connection) {
    try (Connection jdbc =
            DriverManager.getConnection(emulators.environment().databaseUrl(), "postgres", "");
        var statement =
            jdbc.prepareStatement(
                "select picked, execution_time from scheduled_tasks where task_instance = ?")) {
      statement.setString(1, connection.toString());
      try (ResultSet rows = statement.executeQuery()) {
        assertThat(rows.next()).isTrue();
        return new Row(rows.getBoolean(1), rows.getTimestamp(2).toInstant());
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
