package dev.faxbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.emulator.RingCentralEmulator;
import dev.faxbridge.fax.FaxLedger;
import dev.faxbridge.fax.FaxState;
import dev.faxbridge.tenant.Tenants;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.FaxbridgeInstance;
import dev.faxbridge.testing.Operator;
import dev.faxbridge.testing.TestEnvironment;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * With a public base URL, each connection keeps a WebHook subscription, and a notification syncs
 * the connection at once although its poll interval is a minute.
 */
class PushNotificationTest {

  @TempDir Path data;
  private RingCentralEmulator emulator;
  private TestEnvironment environment;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    emulator = RingCentralEmulator.builder().start();
    environment = TestEnvironment.create(emulator, data);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private FaxbridgeInstance pushingFaxbridge() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Map<String, Object> properties = environment.properties();
    properties.put("server.port", Integer.toString(port));
    properties.put("faxbridge.push.public-base-url", "http://127.0.0.1:" + port);
    properties.put("db-scheduler.enabled", "true");
    properties.put("db-scheduler.polling-interval", "500ms");
    return FaxbridgeInstance.start(properties);
  }

  @Test
  void aNotifiedFaxIsDeliveredAtOnceDespiteAOneMinutePollInterval() throws Exception {
    Clinic clinic = Clinic.create(emulator, environment.app().clientId(), "Prompt");
    clinic.receiveFax(0, 1);
    try (FaxbridgeInstance faxbridge = pushingFaxbridge()) {
      ConnectionId connection = Operator.connect(faxbridge, "prompt", clinic, 60);
      awaitDelivered(faxbridge, "prompt", 1, Duration.ofSeconds(15));
      awaitSubscription(faxbridge, connection);
      awaitIdleScheduler(faxbridge, connection);

      clinic.receiveFax(1, 2);

      // The next regular sync is at least 30 s away (awaitIdleScheduler), so only the
      // notification can bring the fax in before then.
      awaitDelivered(faxbridge, "prompt", 2, Duration.ofSeconds(25));
    }
  }

  @Test
  void aNotificationWithoutTheRightVerificationTokenIsRefusedAndTheHandshakeIsEchoed()
      throws Exception {
    Clinic clinic = Clinic.create(emulator, environment.app().clientId(), "Guarded");
    try (FaxbridgeInstance faxbridge = pushingFaxbridge()) {
      ConnectionId connection = Operator.connect(faxbridge, "guarded", clinic, 60);
      awaitSubscription(faxbridge, connection);
      URI hook = faxbridge.baseUrl().resolve("/webhooks/ringcentral/" + connection);

      HttpResponse<String> forged =
          http.send(
              HttpRequest.newBuilder(hook)
                  .header("Verification-Token", "guessed")
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> bare =
          http.send(
              HttpRequest.newBuilder(hook).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> handshake =
          http.send(
              HttpRequest.newBuilder(hook)
                  .header("Validation-Token", "abc-123")
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(forged.statusCode()).isEqualTo(403);
      assertThat(bare.statusCode()).isEqualTo(403);
      assertThat(handshake.statusCode()).isEqualTo(200);
      assertThat(handshake.headers().firstValue("Validation-Token")).contains("abc-123");
    }
  }

  @Test
  void aSubscriptionThatDisappearedIsCreatedAgainByTheNextCheck() throws Exception {
    Clinic clinic = Clinic.create(emulator, environment.app().clientId(), "Renewed");
    try (FaxbridgeInstance faxbridge = pushingFaxbridge()) {
      ConnectionId connection = Operator.connect(faxbridge, "renewed", clinic, 60);
      String first = awaitSubscription(faxbridge, connection);
      faxbridge
          .bean(JdbcClient.class)
          .sql(
              "update push_subscription set subscription_id = 'gone-' || subscription_id, checked_at = now() - interval '1 day'")
          .update();

      faxbridge.bean(SyncConnection.class).run(connection);

      String second = awaitSubscription(faxbridge, connection);
      assertThat(second).isNotEqualTo(first).doesNotStartWith("gone-");
    }
  }

  private static String awaitSubscription(FaxbridgeInstance faxbridge, ConnectionId connection) {
    return await()
        .atMost(Duration.ofSeconds(15))
        .alias("waiting for a push subscription")
        .until(
            () ->
                faxbridge
                    .bean(JdbcClient.class)
                    .sql("select subscription_id from push_subscription where connection_id = :c")
                    .param("c", connection.value())
                    .query(String.class)
                    .optional()
                    .filter(s -> !s.startsWith("gone-")),
            Optional::isPresent)
        .get();
  }

  /** Waits until the connection's sync is scheduled in the future and not running. */
  /** Waits until the connection's sync is idle and its next run at least 30 s away. */
  private static void awaitIdleScheduler(FaxbridgeInstance faxbridge, ConnectionId connection) {
    await()
        .atMost(Duration.ofSeconds(15))
        .alias("waiting for the first sync to finish")
        .until(
            () ->
                faxbridge
                    .bean(JdbcClient.class)
                    .sql(
                        "select not picked and execution_time > now() + interval '30 seconds'"
                            + " from scheduled_tasks where task_instance = :c")
                    .param("c", connection.toString())
                    .query(Boolean.class)
                    .optional()
                    .orElse(false));
  }

  private static void awaitDelivered(
      FaxbridgeInstance faxbridge, String slug, int count, Duration within) {
    await()
        .atMost(within)
        .alias("waiting for " + count + " deliveries")
        .until(
            () ->
                faxbridge
                        .bean(Tenants.class)
                        .findBySlug(slug)
                        .map(
                            t ->
                                faxbridge.bean(FaxLedger.class).forTenant(t.id()).stream()
                                    .filter(f -> f.state() == FaxState.DELIVERED)
                                    .count())
                        .orElse(0L)
                    >= count);
  }
}
