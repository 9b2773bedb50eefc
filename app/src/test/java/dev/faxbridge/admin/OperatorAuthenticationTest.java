package dev.faxbridge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.connection.TestBed;
import dev.faxbridge.testing.Emulators;
import dev.faxbridge.testing.FaxbridgeInstance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Nothing of the operator API is open without an operator; operators are who the audit names. */
@ExtendWith(OutputCaptureExtension.class)
class OperatorAuthenticationTest {

  private static final String PASSWORD = "a long operator password";
  @RegisterExtension static final Emulators EMULATORS = Emulators.started();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void callsWithoutOrWithWrongCredentialsAreRefused() throws Exception {
    try (FaxbridgeInstance faxbridge = TestBed.create(EMULATORS).start()) {
      assertThat(call(faxbridge, "GET", "/api/tenants", null, null).statusCode()).isEqualTo(401);
      assertThat(call(faxbridge, "GET", "/api/tenants", "Bearer nope", null).statusCode())
          .isEqualTo(401);
      assertThat(call(faxbridge, "GET", "/actuator/prometheus", null, null).statusCode())
          .isEqualTo(401);
      assertThat(call(faxbridge, "GET", "/actuator/health", null, null).statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void anOperatorSignsInWithItsPasswordOrItsOwnTokenAndIsTheActorOfTheAuditTrail()
      throws Exception {
    try (FaxbridgeInstance faxbridge = TestBed.create(EMULATORS).start()) {
      assertThat(
              faxbridge
                  .api(
                      "POST",
                      "/api/operators",
                      "{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}")
                  .statusCode())
          .isEqualTo(201);

      assertThat(
              call(faxbridge, "GET", "/api/tenants", basic("alice", PASSWORD), null).statusCode())
          .isEqualTo(200);
      assertThat(
              call(faxbridge, "GET", "/api/tenants", basic("alice", "wrong password!"), null)
                  .statusCode())
          .isEqualTo(401);
      HttpResponse<String> created =
          call(
              faxbridge,
              "POST",
              "/api/operators/alice/tokens",
              basic("alice", PASSWORD),
              "{\"name\":\"laptop\"}");
      assertThat(created.statusCode()).isEqualTo(201);
      String token = TestBed.json(created).get("token").asString();
      HttpResponse<String> tenant =
          call(
              faxbridge,
              "POST",
              "/api/tenants",
              "Bearer " + token,
              "{\"slug\":\"riverside\",\"name\":\"Riverside\"}");

      assertThat(tenant.statusCode()).isEqualTo(201);
      UUID tenantId = UUID.fromString(TestBed.json(tenant).get("id").asString());
      assertThat(faxbridge.bean(AuditTrail.class).forTenant(tenantId))
          .anySatisfy(
              event -> {
                assertThat(event.kind()).isEqualTo(AuditKind.TENANT_CREATED);
                assertThat(event.actor()).isEqualTo("alice");
              });
      JdbcClient jdbc = faxbridge.bean(JdbcClient.class);
      assertThat(
              jdbc.sql("select password_hash from operator_account").query(String.class).single())
          .startsWith("$2")
          .doesNotContain(PASSWORD);
      assertThat(jdbc.sql("select token_hash from operator_token").query(String.class).single())
          .hasSize(64)
          .isNotEqualTo(token);
      assertThat(
              call(
                      faxbridge,
                      "POST",
                      "/api/operators/somebody-else/tokens",
                      "Bearer " + token,
                      "{\"name\":\"x\"}")
                  .statusCode())
          .as("an operator mints tokens for itself only")
          .isEqualTo(403);
    }
  }

  @Test
  void theMetricsTokenReadsPrometheusAndNothingElse() throws Exception {
    TestBed bed = TestBed.create(EMULATORS);
    Map<String, Object> properties = bed.properties();
    String metrics = "metrics-scrape-token-0123456789abcdef";
    properties.put("faxbridge.operator.metrics-token", metrics);
    try (FaxbridgeInstance faxbridge =
        FaxbridgeInstance.start(properties, EMULATORS.ringCentral().clock())) {
      HttpResponse<String> scraped =
          call(faxbridge, "GET", "/actuator/prometheus", "Bearer " + metrics, null);
      assertThat(scraped.statusCode()).isEqualTo(200);
      assertThat(scraped.body()).contains("jvm_");
      assertThat(
              call(
                      faxbridge,
                      "GET",
                      "/actuator/prometheus",
                      "Bearer " + FaxbridgeInstance.OPERATOR_TOKEN,
                      null)
                  .statusCode())
          .isEqualTo(200);
      HttpResponse<String> forbidden =
          call(faxbridge, "GET", "/api/tenants", "Bearer " + metrics, null);
      assertThat(forbidden.statusCode()).isEqualTo(403);
      assertThat(forbidden.headers().firstValue("Content-Type"))
          .as("the security layer answers problem details too")
          .hasValue("application/problem+json;charset=UTF-8");
      assertThat(forbidden.body()).contains("\"status\":403");
      assertThat(
              call(faxbridge, "GET", "/actuator/metrics", "Bearer " + metrics, null).statusCode())
          .isEqualTo(403);
      assertThat(
              call(
                      faxbridge,
                      "POST",
                      "/api/tenants",
                      "Bearer " + metrics,
                      "{\"slug\":\"x\",\"name\":\"x\"}")
                  .statusCode())
          .isEqualTo(403);
      assertThat(
              faxbridge
                  .bean(JdbcClient.class)
                  .sql("select count(*) from tenant")
                  .query(Long.class)
                  .single())
          .isZero();
    }
  }

  @Test
  void withNoOperatorAndNoBootstrapTokenTheApiIsClosed() throws Exception {
    TestBed bed = TestBed.create(EMULATORS);
    Map<String, Object> properties = bed.properties();
    properties.put("faxbridge.operator.api-token", "");
    try (FaxbridgeInstance faxbridge =
        FaxbridgeInstance.start(properties, EMULATORS.ringCentral().clock())) {
      HttpResponse<String> answer = call(faxbridge, "GET", "/api/tenants", null, null);

      assertThat(answer.statusCode()).isEqualTo(401);
      assertThat(answer.body()).contains("The operator API is closed");
    }
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> call(
      FaxbridgeInstance faxbridge, String method, String path, String authorization, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(faxbridge.baseUrl() + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
