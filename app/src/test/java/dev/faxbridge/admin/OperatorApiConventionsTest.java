package dev.faxbridge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.connection.ConnectionStatus;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.TestBed;
import dev.faxbridge.emulator.RingCentralEmulator;
import dev.faxbridge.sync.SyncConnection;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.FaxbridgeInstance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The operator API's conventions (docs/adr/0015): problem details for every error, 404 and 409,
 * tenants by slug, cursor paging and filters, offboarding, revocation at once, the audit trail read
 * back, a connection's health in plain words.
 */
class OperatorApiConventionsTest {

  private static final String PASSWORD = "correct horse battery";

  private static RingCentralEmulator emulator;
  @TempDir static Path data;
  private static TestBed bed;
  private static FaxbridgeInstance faxbridge;

  @BeforeAll
  static void start() {
    emulator = RingCentralEmulator.builder().start();
    bed = TestBed.create(emulator, data);
    faxbridge = FaxbridgeInstance.start(bed.properties());
  }

  @AfterAll
  static void stop() {
    faxbridge.close();
    emulator.close();
  }

  @Test
  void everyErrorIsProblemDetailsAndNeverEchoesTheBody() throws Exception {
    TestBed.createTenant(faxbridge, "errors");
    String jwtLike = "eyJhbGciOiJSUzI1NiJ9.secret-looking-credential";

    List<HttpResponse<String>> answers = new ArrayList<>();
    answers.add(send("POST", "/api/tenants", "application/json", "{\"name\":", bearer()));
    answers.add(
        send(
            "POST",
            "/api/tenants/errors/connections",
            "application/json",
            "{\"jwt\":\"" + jwtLike + "\",",
            bearer()));
    answers.add(send("POST", "/api/tenants", null, "{\"name\":\"x\"}", bearer()));
    answers.add(send("POST", "/api/tenants", "text/plain", "{\"name\":\"x\"}", bearer()));
    answers.add(send("GET", "/api/no-such-call", null, null, bearer()));
    answers.add(send("DELETE", "/api/tenants", null, null, bearer()));
    answers.add(send("GET", "/api/tenants?limit=ten", null, null, bearer()));
    answers.add(send("POST", "/api/tenants", "application/json", "{\"name\":\"\"}", bearer()));
    answers.add(send("GET", "/api/tenants/no-such-tenant", null, null, bearer()));
    answers.add(
        send(
            "POST",
            "/api/tenants",
            "application/json",
            "{\"slug\":\"errors\",\"name\":\"Errors again\"}",
            bearer()));
    answers.add(send("GET", "/api/tenants", null, null, null));
    answers.add(send("GET", "/api/tenants", null, null, "Bearer not-a-token"));
    answers.add(send("GET", "/api;x=1/tenants", null, null, bearer()));

    assertThat(answers)
        .extracting(HttpResponse::statusCode)
        .containsExactly(400, 400, 415, 415, 404, 405, 400, 400, 404, 409, 401, 401, 400);
    for (HttpResponse<String> answer : answers) {
      assertThat(answer.headers().firstValue("Content-Type"))
          .as(answer.request().method() + " " + answer.request().uri())
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
      JsonNode problem = TestBed.json(answer);
      assertThat(problem.get("status").asInt()).isEqualTo(answer.statusCode());
      assertThat(problem.get("title").asString()).isNotBlank();
      assertThat(problem.get("detail").asString()).isNotBlank();
      assertThat(answer.body()).doesNotContain("secret-looking", "Exception", "tools.jackson");
    }
  }

  @Test
  void aBrowserAskingForAPathNothingAnswersGetsAPlainPage() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(faxbridge.baseUrl() + "/api/no-such-page"))
            .header("Authorization", bearer())
            .header("Accept", "text/html")
            .build();
    HttpResponse<String> page =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.body()).contains("<h1>404 Not Found</h1>");
  }

  @Test
  void tenantsAreFoundBySlugOrIdAndASlugIsMadeFromTheNameWhenNotGiven() throws Exception {
    JsonNode first = TestBed.json(post("/api/tenants", "{\"name\":\"Saint-Élise Clinic\"}"));
    JsonNode second = TestBed.json(post("/api/tenants", "{\"name\":\"Saint-Élise clinic\"}"));
    assertThat(first.get("slug").asString()).isEqualTo("saint-elise-clinic");
    assertThat(second.get("slug").asString()).isEqualTo("saint-elise-clinic-2");

    JsonNode bySlug = TestBed.json(faxbridge.api("GET", "/api/tenants/saint-elise-clinic", null));
    JsonNode byId =
        TestBed.json(faxbridge.api("GET", "/api/tenants/" + first.get("id").asString(), null));
    assertThat(bySlug).isEqualTo(byId);
    assertThat(bySlug.get("id").isString()).isTrue();

    HttpResponse<String> edited =
        faxbridge.api(
            "PATCH",
            "/api/tenants/saint-elise-clinic",
            "{\"name\":\"St Elise\",\"syncIntervalSeconds\":300}");
    assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
    assertThat(TestBed.json(edited).get("syncIntervalSeconds").asInt()).isEqualTo(300);
    assertThat(TestBed.json(edited).get("slug").asString()).isEqualTo("saint-elise-clinic");
    assertThat(
            faxbridge
                .api("PATCH", "/api/tenants/saint-elise-clinic", "{\"slug\":\"elsewhere\"}")
                .statusCode())
        .as("the slug names the delivery folder and never changes")
        .isEqualTo(400);
    assertThat(
            faxbridge.api("POST", "/api/tenants", "{\"slug\":\"Bad Slug\",\"name\":\"x\"}").body())
        .contains("lower-case letters");
  }

  @Test
  void aListIsWalkedPageByPageWithItsCursorAndFiltered() throws Exception {
    for (int i = 0; i < 7; i++) {
      TestBed.createTenant(faxbridge, "paged-" + i);
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page =
          TestBed.json(
              faxbridge.api(
                  "GET",
                  "/api/tenants?q=paged-&limit=3" + (cursor == null ? "" : "&cursor=" + cursor),
                  null));
      page.get("items").forEach(tenant -> seen.add(tenant.get("slug").asString()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(3);
    assertThat(seen)
        .containsExactly(
            "paged-0", "paged-1", "paged-2", "paged-3", "paged-4", "paged-5", "paged-6");
    assertThat(faxbridge.api("GET", "/api/tenants?limit=501", null).statusCode()).isEqualTo(400);
    assertThat(faxbridge.api("GET", "/api/tenants?cursor=bm9wZQ", null).statusCode())
        .isEqualTo(400);
    String auditCursor =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("audit:1".getBytes(StandardCharsets.UTF_8));
    assertThat(faxbridge.api("GET", "/api/tenants?cursor=" + auditCursor, null).body())
        .as("a cursor of another list")
        .contains("not one this list");
    assertThat(
            TestBed.json(faxbridge.api("GET", "/api/tenants?q=paged-&state=offboarded", null))
                .get("items"))
        .isEmpty();
    assertThat(
            TestBed.json(
                    faxbridge.api(
                        "GET", "/api/tenants?q=paged-&from=" + Instant.now().plusSeconds(60), null))
                .get("items"))
        .isEmpty();
  }

  @Test
  void faxesArePagedNewestFirstAndFilteredByStateSourceAndDate() throws Exception {
    Clinic clinic = bed.clinic("Ledger");
    Instant base =
        Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    for (int i = 0; i < 5; i++) {
      clinic.receiveFaxAt(0, 1, base.plusSeconds(60L * i));
    }
    String tenant = TestBed.createTenant(faxbridge, "ledger");
    ConnectionId connection = TestBed.connectJwt(faxbridge, tenant, clinic.jwt());
    faxbridge.bean(SyncConnection.class).run(connection);

    List<Instant> received = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          TestBed.json(
              faxbridge.api(
                  "GET",
                  "/api/tenants/ledger/faxes?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                  null));
      page.get("items")
          .forEach(fax -> received.add(Instant.parse(fax.get("receivedAt").asString())));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
    } while (cursor != null);
    assertThat(received).hasSize(5);
    assertThat(received).isSortedAccordingTo(java.util.Comparator.reverseOrder());

    assertThat(items("/api/tenants/ledger/faxes?state=delivered")).hasSize(5);
    assertThat(items("/api/tenants/ledger/faxes?state=ABANDONED")).isEmpty();
    assertThat(items("/api/tenants/ledger/faxes?source=" + connection)).hasSize(5);
    assertThat(items("/api/tenants/ledger/faxes?source=" + java.util.UUID.randomUUID())).isEmpty();
    assertThat(
            items(
                "/api/tenants/ledger/faxes?from="
                    + base.plusSeconds(60)
                    + "&to="
                    + base.plusSeconds(180)))
        .hasSize(2);
    assertThat(faxbridge.api("GET", "/api/tenants/ledger/faxes?state=lost", null).statusCode())
        .isEqualTo(400);
    assertThat(items("/api/tenants/ledger/faxes").get(0).get("fromNumber").asString())
        .startsWith("***");
  }

  @Test
  void offboardingWipesTheTenantsSecretsStopsItsConnectionsKeepsItsLedgerAndIsAudited()
      throws Exception {
    Clinic clinic = bed.clinic("Leaving");
    clinic.receiveFax(0, 1);
    String tenant = TestBed.createTenant(faxbridge, "leaving");
    ConnectionId connection = TestBed.connectJwt(faxbridge, tenant, clinic.jwt());
    faxbridge.bean(SyncConnection.class).run(connection);
    faxbridge.api(
        "PUT",
        "/api/tenants/leaving/notifications",
        "{\"contactEmail\":\"a@leaving.example\",\"webhookUrl\":\"https://leaving.example/h\","
            + "\"webhookSecret\":\"leaving-webhook-secret-0123456789\"}");
    faxbridge.api("POST", "/api/tenants/leaving/connect-links", "{}");

    HttpResponse<String> offboarded =
        faxbridge.api("POST", "/api/tenants/leaving/offboarding", null);

    assertThat(offboarded.statusCode()).as(offboarded.body()).isEqualTo(200);
    JsonNode answer = TestBed.json(offboarded);
    assertThat(answer.get("connectionsSwitchedOff").asInt()).isEqualTo(1);
    assertThat(answer.get("connectLinksRevoked").asInt()).isEqualTo(1);
    assertThat(answer.get("tenant").get("offboardedAt").isString()).isTrue();
    Connections connections = faxbridge.bean(Connections.class);
    assertThat(connections.get(connection).status()).isEqualTo(ConnectionStatus.DISABLED);
    assertThat(connections.credential(connection)).isEmpty();
    assertThat(connections.tokens(connection)).isEmpty();
    JdbcClient jdbc = faxbridge.bean(JdbcClient.class);
    assertThat(
            jdbc.sql("select count(*) from tenant_notification_settings where tenant_id = :t")
                .param("t", java.util.UUID.fromString(tenant))
                .query(Long.class)
                .single())
        .isZero();
    assertThat(items("/api/tenants/leaving/faxes")).as("the ledger stays").hasSize(1);
    assertThat(
            TestBed.json(faxbridge.api("GET", "/api/connections/" + connection, null))
                .get("reason")
                .asString())
        .contains("offboarded");
    assertThat(items("/api/audit?tenant=leaving&kind=TENANT_OFFBOARDED"))
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.get("actor").asString()).isEqualTo("operator-api");
              assertThat(event.get("detail").get("secretsWiped").asBoolean()).isTrue();
            });

    assertThat(faxbridge.api("POST", "/api/tenants/leaving/offboarding", null).statusCode())
        .isEqualTo(409);
    assertThat(faxbridge.api("POST", "/api/tenants/leaving/connect-links", "{}").statusCode())
        .isEqualTo(409);
    assertThat(TestBed.postJwt(faxbridge, tenant, clinic.jwt()).statusCode()).isEqualTo(409);
    assertThat(
            faxbridge
                .api("POST", "/api/tenants", "{\"slug\":\"leaving\",\"name\":\"x\"}")
                .statusCode())
        .as("the slug stays taken")
        .isEqualTo(409);
    assertThat(items("/api/tenants?state=offboarded&q=leaving")).hasSize(1);
  }

  @Test
  void aRevokedTokenOrOperatorIsRefusedAtOnceButTheLastOperatorStays() throws Exception {
    post("/api/operators", "{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}");
    post("/api/operators", "{\"username\":\"bob\",\"password\":\"" + PASSWORD + "\"}");
    assertThat(
            post("/api/operators", "{\"username\":\"bob\",\"password\":\"" + PASSWORD + "\"}")
                .statusCode())
        .isEqualTo(409);
    String token =
        TestBed.json(post("/api/operators/alice/tokens", "{\"name\":\"laptop\"}"))
            .get("token")
            .asString();
    assertThat(send("GET", "/api/tenants", null, null, "Bearer " + token).statusCode())
        .isEqualTo(200);
    JsonNode tokens = TestBed.json(faxbridge.api("GET", "/api/operators/alice/tokens", null));
    assertThat(tokens.toString()).doesNotContain(token);
    String tokenId = tokens.get(0).get("id").asString();

    assertThat(
            send("DELETE", "/api/operators/alice/tokens/" + tokenId, null, null, basic("alice"))
                .statusCode())
        .isEqualTo(204);
    assertThat(send("GET", "/api/tenants", null, null, "Bearer " + token).statusCode())
        .as("the revoked token, on the very next request")
        .isEqualTo(401);
    assertThat(faxbridge.api("DELETE", "/api/operators/alice/tokens/" + tokenId, null).statusCode())
        .isEqualTo(409);
    assertThat(
            TestBed.json(faxbridge.api("GET", "/api/operators/alice/tokens", null))
                .get(0)
                .get("revokedAt")
                .isString())
        .isTrue();

    assertThat(send("DELETE", "/api/operators/bob", null, null, basic("alice")).statusCode())
        .isEqualTo(204);
    assertThat(send("GET", "/api/tenants", null, null, basic("bob")).statusCode()).isEqualTo(401);
    HttpResponse<String> last = send("DELETE", "/api/operators/alice", null, null, basic("alice"));
    assertThat(last.statusCode()).as(last.body()).isEqualTo(409);
    assertThat(last.body()).contains("last operator");
    assertThat(faxbridge.api("DELETE", "/api/operators/nobody", null).statusCode()).isEqualTo(404);
    assertThat(TestBed.json(faxbridge.api("GET", "/api/operators", null)))
        .extracting(operator -> operator.get("username").asString())
        .containsExactly("alice");

    assertThat(items("/api/audit?actor=alice"))
        .extracting(event -> event.get("kind").asString())
        .containsExactly("OPERATOR_REVOKED", "OPERATOR_TOKEN_REVOKED");
    JsonNode page = TestBed.json(faxbridge.api("GET", "/api/audit?limit=1", null));
    assertThat(page.get("items")).hasSize(1);
    JsonNode next =
        TestBed.json(
            faxbridge.api(
                "GET", "/api/audit?limit=1&cursor=" + page.get("nextCursor").asString(), null));
    assertThat(Long.parseLong(next.get("items").get(0).get("id").asString()))
        .isLessThan(Long.parseLong(page.get("items").get(0).get("id").asString()));
  }

  @Test
  void aConnectionsHealthSaysWhyItNeedsActionSinceWhenAndHowItsLastSyncEnded() throws Exception {
    Clinic clinic = bed.clinic("Health");
    String tenant = TestBed.createTenant(faxbridge, "health");
    ConnectionId id = TestBed.connectJwt(faxbridge, tenant, clinic.jwt());
    JsonNode healthy = TestBed.json(faxbridge.api("GET", "/api/connections/" + id, null));
    assertThat(healthy.get("provider").asString()).isEqualTo("ringcentral");
    assertThat(healthy.get("status").asString()).isEqualTo("ACTIVE");
    assertThat(healthy.get("reason").asString()).startsWith("Connected");
    assertThat(healthy.get("lastSyncAt").isNull()).isTrue();

    emulator.revokeJwtCredential(clinic.jwt());
    emulator.endSessions(clinic.account().ownerExtensionId());
    faxbridge.bean(SyncConnection.class).run(id);

    JsonNode lost = TestBed.json(faxbridge.api("GET", "/api/connections/" + id, null));
    assertThat(items("/api/tenants?state=needs-action"))
        .extracting(t -> t.get("slug").asString())
        .containsExactly("health");
    assertThat(lost.get("status").asString()).isEqualTo("NEEDS_REAUTHORIZATION");
    assertThat(lost.get("reason").asString())
        .contains("no longer accepts")
        .contains("connect link");
    assertThat(Instant.parse(lost.get("since").asString()))
        .isAfterOrEqualTo(Instant.parse(healthy.get("createdAt").asString()));
    assertThat(lost.get("lastSyncOutcome").asString()).isEqualTo("UNAUTHORIZED");
    assertThat(lost.get("lastError").asString()).isNotBlank();
    assertThat(lost.get("lastErrorAt").isString()).isTrue();
    assertThat(faxbridge.api("POST", "/api/connections/" + id + "/sync", null).statusCode())
        .as("nothing to sync until it is authorized again")
        .isEqualTo(409);
    assertThat(faxbridge.api("GET", "/api/connections/nope", null).statusCode()).isEqualTo(404);
  }

  private static List<JsonNode> items(String path) {
    HttpResponse<String> answer = faxbridge.api("GET", path, null);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    List<JsonNode> items = new ArrayList<>();
    TestBed.json(answer).get("items").forEach(items::add);
    return items;
  }

  private static HttpResponse<String> post(String path, String body) {
    HttpResponse<String> answer = faxbridge.api("POST", path, body);
    return answer;
  }

  private static String bearer() {
    return "Bearer " + FaxbridgeInstance.OPERATOR_TOKEN;
  }

  private static String basic(String user) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> send(
      String method, String path, String contentType, String body, String authorization)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(faxbridge.baseUrl() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
