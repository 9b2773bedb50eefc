package dev.faxbridge.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.connection.TestBed;
import dev.faxbridge.emulator.Fault;
import dev.faxbridge.emulator.FaultRule;
import dev.faxbridge.emulator.FaxMessage;
import dev.faxbridge.fax.FaxLedger;
import dev.faxbridge.fax.FaxState;
import dev.faxbridge.fax.InboundFax;
import dev.faxbridge.sync.SyncConnection;
import dev.faxbridge.tenant.TenantId;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.Emulators;
import dev.faxbridge.testing.FaxageClinic;
import dev.faxbridge.testing.FaxbridgeInstance;
import dev.faxbridge.testing.Operator;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Walks the operator API through the OpenAPI description the application serves: every handler
 * under {@code /api/} is described, and every described operation, called with valid input against
 * a real faxbridge and the emulator, answers a documented success status with a body of the
 * documented schema; called without credentials, with an unknown item or with a body that is no
 * JSON, it answers a documented status with problem details.
 */
class OperatorApiWalkTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");
  private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

  @RegisterExtension static final Emulators EMULATORS = Emulators.startedWithFaxage();

  /** One described operation. */
  record Call(String method, String path, JsonNode operation) {
    String key() {
      return method.toUpperCase() + " " + path;
    }

    /** Calls that destroy what others use go last: removals, then offboarding. */
    int order() {
      if (path.endsWith("/offboarding")) {
        return 3;
      }
      return method.equals("delete") ? 2 : 1;
    }
  }

  @Test
  void everyDescribedCallAnswersAsItsDescriptionSaysAndEveryHandlerIsDescribed() throws Exception {
    TestBed bed = TestBed.create(EMULATORS);
    Map<String, Object> properties = bed.properties();
    properties.put("faxbridge.sync.max-attempts", "2");
    properties.put("faxbridge.sync.retry-base", "10ms");
    properties.put("faxbridge.sync.retry-max", "10ms");
    properties.put("faxbridge.ringcentral.rate-limits.call-attempts", "1");
    properties.putAll(FaxageClinic.properties(EMULATORS.faxage()));
    try (FaxbridgeInstance faxbridge = FaxbridgeInstance.start(properties)) {
      HttpResponse<String> served = faxbridge.api("GET", "/v3/api-docs", null);
      assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
      JsonNode description = JSON.readTree(served.body());
      Files.createDirectories(Path.of("target"));
      Files.writeString(Path.of("target/openapi.json"), served.body());
      OpenApiSchemas schemas = new OpenApiSchemas(description);

      List<Call> calls = new ArrayList<>();
      for (Map.Entry<String, JsonNode> path : description.get("paths").properties()) {
        for (String method : METHODS) {
          if (path.getValue().has(method)) {
            calls.add(new Call(method, path.getKey(), path.getValue().get(method)));
          }
        }
      }
      Set<String> described = new TreeSet<>();
      calls.forEach(call -> described.add(call.key()));
      assertThat(handlers(faxbridge))
          .as("every handler of the operator API is in its description")
          .isEqualTo(described);

      Fixture fixture = fixture(bed, faxbridge);
      List<String> wrong = new ArrayList<>();

      // What must not change anything first: no credentials, unknown items, bodies that are no
      // JSON.
      for (Call call : calls) {
        String path = fill(call, fixture.values(call));
        String body = call.operation().has("requestBody") ? fixture.body(call) : null;
        expectProblem(call, anonymous(faxbridge, call, path, body), 401, schemas, wrong);
        if (PARAMETER.matcher(call.path()).find()) {
          String unknown = PARAMETER.matcher(call.path()).replaceAll("no-such-item");
          expectProblem(call, call(faxbridge, call, unknown, body), 404, schemas, wrong);
        }
        if (body != null) {
          expectProblem(call, call(faxbridge, call, path, "{\"not json"), 400, schemas, wrong);
        }
      }

      // Then each call with valid input, removals and offboarding last.
      calls.sort(Comparator.comparingInt(Call::order));
      for (Call call : calls) {
        String path = fill(call, fixture.values(call));
        String body = call.operation().has("requestBody") ? fixture.body(call) : null;
        HttpResponse<String> answer = call(faxbridge, call, path, body);
        String status = String.valueOf(answer.statusCode());
        JsonNode documented = call.operation().path("responses").path(status);
        if (answer.statusCode() / 100 != 2 || documented.isMissingNode()) {
          wrong.add(
              call.key()
                  + " answered "
                  + status
                  + ", documented are "
                  + names(call.operation().path("responses"))
                  + ": "
                  + answer.body());
          continue;
        }
        JsonNode content = documented.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
          if (!answer.body().isEmpty()) {
            wrong.add(call.key() + " answered a body where none is documented");
          }
          continue;
        }
        String type = answer.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/json")) {
          wrong.add(call.key() + " answered " + type + ", documented is application/json");
        }
        JsonNode schema = content.path("application/json").path("schema");
        for (String mismatch : schemas.mismatches(JSON.readTree(answer.body()), schema)) {
          wrong.add(call.key() + " " + mismatch);
        }
      }

      assertThat(wrong).as("calls that do not answer as described").isEmpty();
      assertThat(calls).hasSizeGreaterThanOrEqualTo(28);
    }
  }

  private static void expectProblem(
      Call call,
      HttpResponse<String> answer,
      int expected,
      OpenApiSchemas schemas,
      List<String> wrong) {
    int status = answer.statusCode();
    String body = answer.body();
    String type = answer.headers().firstValue("Content-Type").orElse("");
    JsonNode documented = call.operation().path("responses").path(String.valueOf(status));
    if (status != expected || documented.isMissingNode()) {
      wrong.add(call.key() + " answered " + status + " where " + expected + " was due: " + body);
      return;
    }
    if (!type.startsWith("application/problem+json")) {
      wrong.add(call.key() + " answered " + status + " as " + type + ", not as problem details");
    }
    JsonNode schema = documented.path("content").path("application/problem+json").path("schema");
    if (schema.isMissingNode()) {
      wrong.add(call.key() + " documents " + status + " without the problem schema");
      return;
    }
    for (String mismatch : schemas.mismatches(JSON.readTree(body), schema)) {
      wrong.add(call.key() + " " + status + " " + mismatch);
    }
  }

  private static HttpResponse<String> anonymous(
      FaxbridgeInstance faxbridge, Call call, String path, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(faxbridge.baseUrl().resolve(path))
            .header("Content-Type", "application/json")
            .method(
                call.method().toUpperCase(),
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> call(
      FaxbridgeInstance faxbridge, Call call, String path, String body) {
    return faxbridge.api(call.method().toUpperCase(), path, body);
  }

  private static String fill(Call call, Map<String, String> values) {
    Matcher matcher = PARAMETER.matcher(call.path());
    StringBuilder path = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      if (value == null) {
        throw new AssertionError(
            call.key() + ": the walk knows no valid value of {" + matcher.group(1) + "}");
      }
      matcher.appendReplacement(path, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(path);
    return path.toString();
  }

  private static Set<String> names(JsonNode responses) {
    Set<String> names = new TreeSet<>();
    responses.propertyNames().forEach(names::add);
    return names;
  }

  /** Every handler under /api/, as "METHOD path". */
  private static Set<String> handlers(FaxbridgeInstance faxbridge) {
    Set<String> handlers = new TreeSet<>();
    for (RequestMappingInfoHandlerMapping mapping :
        faxbridge.beans(RequestMappingInfoHandlerMapping.class)) {
      for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
        for (String pattern : info.getPatternValues()) {
          if (!pattern.startsWith("/api/")) {
            continue;
          }
          Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
          for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
            handlers.add(method.name() + " " + pattern);
          }
        }
      }
    }
    return handlers;
  }

  /**
   * What the valid calls work on: a tenant with a connection, a delivered fax and a dead letter, a
   * connect link, operators and a token, and spare items for the calls that remove them.
   */
  private record Fixture(
      Map<String, String> values,
      Map<String, Map<String, String>> overrides,
      Map<String, String> bodies) {

    Map<String, String> values(Call call) {
      Map<String, String> merged = new HashMap<>(values);
      merged.putAll(overrides.getOrDefault(call.key(), Map.of()));
      return merged;
    }

    String body(Call call) {
      String body = bodies.get(call.key());
      if (body == null) {
        throw new AssertionError(call.key() + ": the walk knows no valid body for it");
      }
      return body;
    }
  }

  private static Fixture fixture(TestBed bed, FaxbridgeInstance faxbridge) {
    Clinic clinic = bed.clinic("Walk");
    FaxMessage stuck = clinic.receiveFax(0, 1);
    clinic.receiveFax(0, 1);
    EMULATORS
        .ringCentral()
        .injectFault(FaultRule.once("GET", stuck.contentPath(), Fault.status(500)).always());
    String tenant = TestBed.createTenant(faxbridge, "walk");
    ConnectionId connection = TestBed.connectJwt(faxbridge, tenant, clinic.jwt());
    SyncConnection sync = faxbridge.bean(SyncConnection.class);
    FaxLedger ledger = faxbridge.bean(FaxLedger.class);
    sync.run(connection);
    await().until(() -> !ledger.due(connection, 10).isEmpty());
    sync.run(connection);
    EMULATORS.ringCentral().clearFaults();
    List<InboundFax> faxes = ledger.forTenant(TenantId.parse(tenant));
    String dead = id(faxes, FaxState.ABANDONED);
    String delivered = id(faxes, FaxState.DELIVERED);

    // A Faxage source beside the RingCentral one, drained (its inbox is empty): it is retired.
    ConnectionId faxageSource =
        Operator.connectFaxage(faxbridge, "walk", FaxageClinic.create(EMULATORS.faxage()), null);

    String spareTenant = TestBed.createTenant(faxbridge, "spare");
    ConnectionId spare = TestBed.connectJwt(faxbridge, spareTenant, bed.clinic("Spare").jwt());
    TestBed.createTenant(faxbridge, "leaving");
    String link =
        TestBed.json(faxbridge.api("POST", "/api/tenants/walk/connect-links", "{}"))
            .get("id")
            .asString();
    for (String name : List.of("walker", "leaver")) {
      assertThat(
              faxbridge
                  .api(
                      "POST",
                      "/api/operators",
                      "{\"username\":\"" + name + "\",\"password\":\"a-long-password-1\"}")
                  .statusCode())
          .isEqualTo(201);
    }
    faxbridge.api("POST", "/api/operators/walker/tokens", "{\"name\":\"laptop\"}");
    String token =
        TestBed.json(faxbridge.api("GET", "/api/operators/walker/tokens", null))
            .get(0)
            .get("id")
            .asString();

    String destination =
        TestBed.json(
                faxbridge.api(
                    "POST",
                    "/api/tenants/walk/destinations",
                    "{\"name\":\"walk-folder\",\"kind\":\"folder\","
                        + "\"settings\":{\"root\":\"/tmp/faxbridge-walk\"}}"))
            .get("id")
            .asString();
    String spareDestination =
        TestBed.json(
                faxbridge.api(
                    "POST",
                    "/api/tenants/walk/destinations",
                    "{\"name\":\"walk-spare\",\"kind\":\"folder\","
                        + "\"settings\":{\"root\":\"/tmp/faxbridge-walk-spare\"}}"))
            .get("id")
            .asString();
    String rule =
        TestBed.json(
                faxbridge.api(
                    "POST",
                    "/api/tenants/walk/routing-rules",
                    "{\"destinationId\":\"" + destination + "\"}"))
            .get("id")
            .asString();

    Map<String, String> values = new HashMap<>();
    values.put("tenant", "walk");
    values.put("destinationId", destination);
    values.put("ruleId", rule);
    values.put("connectionId", connection.toString());
    values.put("faxId", delivered);
    values.put("linkId", link);
    values.put("username", "walker");
    values.put("tokenId", token);
    Map<String, Map<String, String>> overrides = new HashMap<>();
    overrides.put("POST /api/dead-letters/{faxId}/retry", Map.of("faxId", dead));
    overrides.put(
        "DELETE /api/connections/{connectionId}", Map.of("connectionId", spare.toString()));
    overrides.put("DELETE /api/operators/{username}", Map.of("username", "leaver"));
    overrides.put(
        "POST /api/tenants/{tenant}/connections/{connectionId}/retirement",
        Map.of("connectionId", faxageSource.toString()));
    overrides.put("POST /api/tenants/{tenant}/offboarding", Map.of("tenant", "leaving"));
    overrides.put(
        "DELETE /api/tenants/{tenant}/destinations/{destinationId}",
        Map.of("tenant", "walk", "destinationId", spareDestination));
    Map<String, String> bodies = new HashMap<>();
    bodies.put("POST /api/tenants", "{\"name\":\"Walk Two Clinic\"}");
    bodies.put(
        "PATCH /api/tenants/{tenant}", "{\"name\":\"Walk clinic\",\"syncIntervalSeconds\":120}");
    bodies.put(
        "POST /api/tenants/{tenant}/connections",
        "{\"provider\":\"ringcentral\",\"jwt\":\"" + bed.clinic("Second").jwt() + "\"}");
    bodies.put("POST /api/tenants/{tenant}/connect-links", "{\"offers\":[\"sign-in\",\"jwt\"]}");
    bodies.put(
        "PUT /api/tenants/{tenant}/notifications",
        "{\"contactEmail\":\"admin@walk.example\",\"webhookUrl\":\"https://walk.example/hook\","
            + "\"webhookSecret\":\"walk-webhook-secret-0123456789\"}");
    bodies.put("PUT /api/tenants/{tenant}/acknowledgement", "{\"mode\":\"MARK_READ\"}");
    bodies.put(
        "POST /api/connections/{connectionId}/backfill",
        "{\"from\":\"" + Instant.now().minus(Duration.ofDays(7)) + "\"}");
    bodies.put(
        "POST /api/operators", "{\"username\":\"walk-new\",\"password\":\"a-long-password-2\"}");
    bodies.put("POST /api/operators/{username}/tokens", "{\"name\":\"walk\"}");
    bodies.put(
        "POST /api/tenants/{tenant}/destinations",
        "{\"name\":\"walk-hook\",\"kind\":\"webhook\",\"location\":\"Front desk\","
            + "\"settings\":{\"url\":\"https://walk.example/faxes\"},"
            + "\"secret\":\"walk-destination-secret-0123\"}");
    bodies.put(
        "PATCH /api/tenants/{tenant}/destinations/{destinationId}",
        "{\"location\":\"Cardiology\",\"enabled\":true}");
    bodies.put(
        "POST /api/tenants/{tenant}/routing-rules",
        "{\"destinationId\":\"" + destination + "\",\"number\":\"+16505550199\"}");
    return new Fixture(values, overrides, bodies);
  }

  private static String id(List<InboundFax> faxes, FaxState state) {
    return faxes.stream()
        .filter(fax -> fax.state() == state)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + state + " fax in " + faxes))
        .id()
        .toString();
  }
}
