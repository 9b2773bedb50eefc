package dev.faxbridge.provider.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.emulator.LoggedRequest;
import dev.faxbridge.emulator.RingCentralEmulator;
import dev.faxbridge.sync.SyncConnection;
import dev.faxbridge.sync.SyncReport;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.DropFolder;
import dev.faxbridge.testing.FaxbridgeInstance;
import dev.faxbridge.testing.Operator;
import dev.faxbridge.testing.TestEnvironment;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * faxbridge paces itself by RingCentral's rate-limit headers and, after a 429, sends nothing to
 * that group until Retry-After has passed. Windows and penalties are compressed to one second.
 */
class RateLimitPacingTest {

  private static final Duration PENALTY = Duration.ofSeconds(1);
  private static final int LIGHT_LIMIT = 6;

  @TempDir Path data;
  private RingCentralEmulator emulator;
  private TestEnvironment environment;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    emulator = RingCentralEmulator.builder().start();
    emulator.rateLimitTiming(Duration.ofSeconds(1), PENALTY);
    emulator.rateLimit("Light", LIGHT_LIMIT);
    environment = TestEnvironment.create(emulator, data);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private FaxbridgeInstance faxbridge() {
    Map<String, Object> properties = environment.properties();
    properties.put("faxbridge.ringcentral.page-size", "2");
    properties.put("faxbridge.ringcentral.rate-limits.default-window", "1s");
    // Windows and penalties of a second: every wait fits in one call's max-wait, so a run paces
    // itself in its thread rather than ending as rate limited.
    properties.put("faxbridge.ringcentral.rate-limits.max-wait", "1s");
    return FaxbridgeInstance.start(properties);
  }

  @Test
  void pacesListingBelowTheLimitWithoutTrippingIt() throws Exception {
    Clinic clinic = Clinic.create(emulator, environment.app().clientId(), "Aspen");
    for (int i = 0; i < 16; i++) {
      clinic.receiveFax(i % 2, 1);
    }
    try (FaxbridgeInstance faxbridge = faxbridge()) {
      ConnectionId connection = Operator.connect(faxbridge, "aspen", clinic);
      emulator.clearRequestLog();

      SyncReport report = faxbridge.bean(SyncConnection.class).run(connection);

      assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
      assertThat(report.delivered()).isEqualTo(16);
      List<LoggedRequest> light = group(emulator.requestLog(), "Light");
      assertThat(light)
          .as("more Light requests than one window allows")
          .hasSizeGreaterThan(LIGHT_LIMIT);
      assertThat(emulator.requestLog()).noneMatch(r -> r.status() == 429);
      assertThat(faxbridge.api("GET", "/actuator/prometheus", null).body())
          .contains("faxbridge_ratelimit_waits_seconds_count{group=\"light\",tenant=\"aspen\"}");
    }
  }

  @Test
  void afterA429NothingReachesTheGroupUntilRetryAfterHasPassedWhileOtherTenantsGoOn()
      throws Exception {
    Clinic stormy = Clinic.create(emulator, environment.app().clientId(), "Storm");
    Clinic calm = Clinic.create(emulator, environment.app().clientId(), "Calm");
    for (int i = 0; i < 10; i++) {
      stormy.receiveFax(i % 2, 1);
    }
    String hammered = stormy.receiveFax(0, 1).messageId();
    calm.receiveFax(0, 1);
    calm.receiveFax(1, 1);
    try (FaxbridgeInstance faxbridge = faxbridge()) {
      ConnectionId stormyConnection = Operator.connect(faxbridge, "storm", stormy);
      ConnectionId calmConnection = Operator.connect(faxbridge, "calm", calm);
      // Another client of the same user and app keeps the Light group in its penalty for a while.
      String token = accessToken(stormy);
      String hammerPath =
          "/restapi/v1.0/account/~/extension/"
              + stormy.mailboxIds().get(0)
              + "/message-store/"
              + hammered;
      for (int i = 0; i <= LIGHT_LIMIT; i++) {
        get(token, hammerPath);
      }
      emulator.clearRequestLog();
      AtomicBoolean storming = new AtomicBoolean(true);
      CompletableFuture<Void> hammer =
          CompletableFuture.runAsync(
              () -> {
                Instant end = Instant.now().plusMillis(2500);
                while (Instant.now().isBefore(end)) {
                  get(token, hammerPath);
                  sleep(400); // the other client's own pace, part of the scenario
                }
                storming.set(false);
              });
      SyncConnection sync = faxbridge.bean(SyncConnection.class);
      CompletableFuture<SyncReport> stormyRun =
          CompletableFuture.supplyAsync(() -> sync.run(stormyConnection));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  emulator.requestLog().stream()
                      .anyMatch(r -> r.status() == 429 && !r.path().endsWith(hammered)));
      SyncReport calmReport = sync.run(calmConnection);
      SyncReport stormyReport = stormyRun.get();
      // The stormy run gave its thread back rather than wait out the penalty; the runs after it,
      // each started once the lane reopened, finish the work.
      int stormyDelivered = stormyReport.delivered();
      List<SyncReport> resumed = new java.util.ArrayList<>();
      SyncReport[] last = {stormyReport};
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                if (last[0].outcome() == SyncReport.Outcome.COMPLETED) {
                  return true;
                }
                assertThat(last[0].outcome()).isEqualTo(SyncReport.Outcome.RATE_LIMITED);
                assertThat(last[0].resumeAt()).isNotNull();
                if (Instant.now().isBefore(last[0].resumeAt())) {
                  return false;
                }
                last[0] = sync.run(stormyConnection);
                resumed.add(last[0]);
                return last[0].outcome() == SyncReport.Outcome.COMPLETED;
              });
      hammer.get();

      assertThat(calmReport.delivered()).isEqualTo(2);
      assertThat(stormyReport.outcome()).isEqualTo(SyncReport.Outcome.RATE_LIMITED);
      assertThat(stormyDelivered + resumed.stream().mapToInt(SyncReport::delivered).sum())
          .isEqualTo(11);
    }
    List<LoggedRequest> faxbridgeLight =
        group(emulator.requestLog(), "Light").stream()
            .filter(
                r ->
                    r.path().contains("/extension/" + stormy.mailboxIds().get(0) + "/")
                        || r.path().contains("/extension/" + stormy.mailboxIds().get(1) + "/"))
            .filter(r -> !r.path().endsWith("/message-store/" + hammered))
            .toList();
    List<LoggedRequest> rejected = faxbridgeLight.stream().filter(r -> r.status() == 429).toList();
    assertThat(rejected).as("the storm reached faxbridge").isNotEmpty();
    for (LoggedRequest refusal : rejected) {
      Instant reopens = refusal.at().plus(PENALTY);
      assertThat(faxbridgeLight)
          .as("Light requests sent during the penalty that began at %s", refusal.at())
          .noneMatch(r -> r.at().isAfter(refusal.at()) && r.at().isBefore(reopens));
    }
    DropFolder folder = DropFolder.of(environment.inbox(), "storm");
    assertThat(folder.documents()).hasSize(11);
  }

  private static List<LoggedRequest> group(List<LoggedRequest> log, String group) {
    return log.stream().filter(r -> r.rateLimitGroup().equals(group)).toList();
  }

  private String accessToken(Clinic clinic) throws Exception {
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (environment.app().clientId() + ":" + environment.app().clientSecret())
                    .getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(emulator.platformUrl().resolve("/restapi/oauth/token"))
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "grant_type="
                        + URLEncoder.encode(RingCentralClient.JWT_GRANT, StandardCharsets.UTF_8)
                        + "&assertion="
                        + clinic.jwt()))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JsonMapper.builder().build().readTree(response.body()).get("access_token").asString();
  }

  private void get(String token, String path) {
    try {
      http.send(
          HttpRequest.newBuilder(URI.create(emulator.platformUrl() + path))
              .header("Authorization", "Bearer " + token)
              .build(),
          HttpResponse.BodyHandlers.discarding());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
