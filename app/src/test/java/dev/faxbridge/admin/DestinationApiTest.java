package dev.faxbridge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.connection.TestBed;
import dev.faxbridge.delivery.routing.RoutingRules;
import dev.faxbridge.delivery.routing.TenantDestinations;
import dev.faxbridge.emulator.RingCentralEmulator;
import dev.faxbridge.tenant.TenantId;
import dev.faxbridge.testing.FaxbridgeInstance;
import dev.faxbridge.testing.Operator;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A tenant's destinations and routing rules through the operator API: precise 400s for wrong
 * settings, secrets written but never answered, numbers masked, every change audited without
 * secrets, offboarding wipes the destinations' secrets.
 */
class DestinationApiTest {

  private static final String SECRET = "webhook-secret-of-the-clinic-0123";

  private static RingCentralEmulator emulator;
  @TempDir static Path data;
  private static FaxbridgeInstance faxbridge;

  @BeforeAll
  static void start() {
    emulator = RingCentralEmulator.builder().start();
    faxbridge = FaxbridgeInstance.start(TestBed.create(emulator, data).properties());
  }

  @AfterAll
  static void stop() {
    faxbridge.close();
    emulator.close();
  }

  @Test
  void wrongSettingsAreRefusedNamingWhatIsWrong() {
    TestBed.createTenant(faxbridge, "strict");
    Map<String, String> refusals =
        Map.of(
            "{\"name\":\"a\",\"kind\":\"ftp\"}",
            "Unknown destination kind 'ftp'; one of folder, fhir, hl7-mllp, webhook",
            "{\"name\":\"a\",\"kind\":\"fhir\",\"settings\":{\"baseUrl\":\"ftp://ehr.example\"}}",
            "baseUrl must be an absolute http or https URL with a host, was 'ftp://ehr.example'",
            "{\"name\":\"a\",\"kind\":\"fhir\",\"settings\":{\"baseUrl\":\"https://e.example\","
                + "\"authentication\":\"basic\",\"username\":\"fax\"}}",
            "Basic authentication needs the password as the destination's secret",
            "{\"name\":\"a\",\"kind\":\"hl7-mllp\",\"settings\":{\"host\":\"ehr.example\"}}",
            "An hl7-mllp destination needs a port",
            "{\"name\":\"a\",\"kind\":\"hl7-mllp\",\"settings\":{\"port\":2575}}",
            "An hl7-mllp destination needs a host",
            "{\"name\":\"a\",\"kind\":\"hl7-mllp\",\"settings\":{\"host\":\"h\",\"port\":70000}}",
            "The MLLP port must be 1 to 65535, was 70000",
            "{\"name\":\"a\",\"kind\":\"webhook\",\"settings\":{\"url\":\"https://h.example\"},"
                + "\"secret\":\"short\"}",
            "A webhook destination needs a secret of at least 16 characters",
            "{\"name\":\"a\",\"kind\":\"folder\",\"settings\":{\"root\":\"/x\",\"colour\":1}}",
            "Unknown setting 'colour' for a folder destination; known: group, root",
            "{\"name\":\"Front Desk\",\"kind\":\"folder\",\"settings\":{\"root\":\"/x\"}}",
            "A destination's name is 1 to 63 lower-case letters, digits and hyphens",
            "{\"name\":\"a\",\"kind\":\"hl7-mllp\",\"settings\":{\"host\":\"h\",\"port\":\"x\"}}",
            "Setting 'port' must be a whole number");
    refusals.forEach(
        (body, detail) -> {
          HttpResponse<String> answer =
              faxbridge.api("POST", "/api/tenants/strict/destinations", body);
          assertThat(answer.statusCode()).as(body).isEqualTo(400);
          assertThat(TestBed.json(answer).get("detail").asString()).as(body).contains(detail);
        });
    assertThat(list("/api/tenants/strict/destinations")).isEmpty();
  }

  @Test
  void aDestinationsSecretIsWrittenButNeverAnsweredAndEveryChangeIsAudited() {
    String tenant = TestBed.createTenant(faxbridge, "hooks");
    HttpResponse<String> created =
        faxbridge.api(
            "POST",
            "/api/tenants/hooks/destinations",
            "{\"name\":\"ehr-hook\",\"kind\":\"webhook\",\"location\":\"Cardiology\","
                + "\"settings\":{\"url\":\"https://ehr.example/faxes\",\"document\":\"link\"},"
                + "\"secret\":\""
                + SECRET
                + "\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode view = TestBed.json(created);
    String id = view.get("id").asString();
    assertThat(view.get("secretSet").asBoolean()).isTrue();
    assertThat(view.get("kind").asString()).isEqualTo("webhook");
    assertThat(view.get("settings").get("document").asString()).isEqualTo("link");

    HttpResponse<String> taken =
        faxbridge.api(
            "POST",
            "/api/tenants/hooks/destinations",
            "{\"name\":\"ehr-hook\",\"kind\":\"folder\",\"settings\":{\"root\":\"/srv/fax\"}}");
    assertThat(taken.statusCode()).isEqualTo(409);

    HttpResponse<String> changed =
        faxbridge.api(
            "PATCH",
            "/api/tenants/hooks/destinations/" + id,
            "{\"location\":\"Cardiology, 2nd floor\",\"secret\":\"" + SECRET + "-new\"}");
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    assertThat(TestBed.json(changed).get("location").asString()).isEqualTo("Cardiology, 2nd floor");
    HttpResponse<String> invalidChange =
        faxbridge.api(
            "PATCH",
            "/api/tenants/hooks/destinations/" + id,
            "{\"settings\":{\"url\":\"not a url\"}}");
    assertThat(invalidChange.statusCode()).isEqualTo(400);

    String answers =
        created.body()
            + changed.body()
            + faxbridge.api("GET", "/api/tenants/hooks/destinations", null).body()
            + faxbridge.api("GET", "/api/tenants/hooks/destinations/" + id, null).body();
    assertThat(answers).doesNotContain(SECRET);

    assertThat(faxbridge.api("DELETE", "/api/tenants/hooks/destinations/" + id, null).statusCode())
        .isEqualTo(204);
    assertThat(faxbridge.api("GET", "/api/tenants/hooks/destinations/" + id, null).statusCode())
        .isEqualTo(404);
    assertThat(faxbridge.api("DELETE", "/api/tenants/hooks/destinations/" + id, null).statusCode())
        .isEqualTo(404);
    JdbcClient jdbc = faxbridge.bean(JdbcClient.class);
    assertThat(
            jdbc.sql(
                    "select count(*) from destination where id = cast(:id as uuid)"
                        + " and secret_sealed is null and removed_at is not null")
                .param("id", id)
                .query(Long.class)
                .single())
        .as("a removed destination keeps its row without its secret")
        .isEqualTo(1);

    List<Map<String, Object>> audit =
        jdbc.sql(
                "select kind, detail::text as detail from audit_event"
                    + " where tenant_id = cast(:tenant as uuid) and kind like 'DESTINATION%'"
                    + " order by id")
            .param("tenant", tenant)
            .query()
            .listOfRows();
    assertThat(audit)
        .extracting(row -> row.get("kind"))
        .containsExactly("DESTINATION_CREATED", "DESTINATION_UPDATED", "DESTINATION_REMOVED");
    assertThat(audit.get(1).get("detail").toString()).contains("location,secret");
    assertThat(audit.toString()).doesNotContain(SECRET);
  }

  @Test
  void routingRulesNameADestinationOfTheTenantAndAnswerTheirNumberMasked() {
    TestBed.createTenant(faxbridge, "rules");
    TestBed.createTenant(faxbridge, "other");
    String destination = folder("rules", "cardiology");
    String foreign = folder("other", "elsewhere");

    HttpResponse<String> rule =
        faxbridge.api(
            "POST",
            "/api/tenants/rules/routing-rules",
            "{\"destinationId\":\"" + destination + "\",\"number\":\"+16505550199\"}");
    assertThat(rule.statusCode()).as(rule.body()).isEqualTo(201);
    assertThat(TestBed.json(rule).get("number").asString()).isEqualTo("***99");
    assertThat(TestBed.json(rule).get("isDefault").asBoolean()).isFalse();
    HttpResponse<String> fallback =
        faxbridge.api(
            "POST",
            "/api/tenants/rules/routing-rules",
            "{\"destinationId\":\"" + destination + "\"}");
    assertThat(TestBed.json(fallback).get("isDefault").asBoolean()).isTrue();
    HttpResponse<String> elsewhere =
        faxbridge.api(
            "POST", "/api/tenants/rules/routing-rules", "{\"destinationId\":\"" + foreign + "\"}");
    assertThat(elsewhere.statusCode()).isEqualTo(400);
    assertThat(TestBed.json(elsewhere).get("detail").asString())
        .contains("is not a destination of this tenant");
    HttpResponse<String> noDigits =
        faxbridge.api(
            "POST",
            "/api/tenants/rules/routing-rules",
            "{\"destinationId\":\"" + destination + "\",\"number\":\"cardiology\"}");
    assertThat(noDigits.statusCode()).isEqualTo(400);

    List<JsonNode> rules = list("/api/tenants/rules/routing-rules");
    assertThat(rules).hasSize(2);
    assertThat(rules.toString()).doesNotContain("5550199");
    String ruleId = TestBed.json(rule).get("id").asString();
    assertThat(
            faxbridge
                .api("DELETE", "/api/tenants/rules/routing-rules/" + ruleId, null)
                .statusCode())
        .isEqualTo(204);
    assertThat(
            faxbridge
                .api("DELETE", "/api/tenants/rules/routing-rules/" + ruleId, null)
                .statusCode())
        .isEqualTo(404);
    assertThat(list("/api/tenants/rules/routing-rules")).hasSize(1);
  }

  @Test
  void aFaxGoesToEveryMatchingRuleElseToTheDefaultsElseWithoutRulesToEveryEnabledDestination() {
    String tenant = TestBed.createTenant(faxbridge, "routing");
    TenantId id = TenantId.parse(tenant);
    String cardiology = folder("routing", "cardiology");
    String lab = folder("routing", "lab");
    String inbox = folder("routing", "inbox");
    TenantDestinations destinations = faxbridge.bean(TenantDestinations.class);
    RoutingRules rules = faxbridge.bean(RoutingRules.class);
    String connection = UUID.randomUUID().toString();

    assertThat(route(rules, destinations, id, "+16505550199", connection))
        .as("no rules: every enabled destination")
        .containsExactlyInAnyOrder(cardiology, lab, inbox);

    rule("routing", cardiology, "\"number\":\"+1 650 555 0199\"");
    rule("routing", lab, "\"source\":\"" + connection + "\"");
    rule("routing", lab, "\"number\":\"+16505550199\",\"source\":\"faxage\"");
    assertThat(route(rules, destinations, id, "+16505550123", "another-connection"))
        .as("nothing matches and there is no default")
        .isEmpty();
    rule("routing", inbox, null);

    assertThat(route(rules, destinations, id, "+1 (650) 555-0199", "another-connection"))
        .as("by number, digits compared; the rule needing faxage does not match")
        .containsExactly(cardiology);
    assertThat(route(rules, destinations, id, "+16505550199", connection))
        .as("every matching rule, each destination once")
        .containsExactly(cardiology, lab);
    assertThat(route(rules, destinations, id, "+16505550123", "another-connection"))
        .as("the default when nothing else matches")
        .containsExactly(inbox);
    assertThat(route(rules, destinations, id, null, "another-connection"))
        .as("a fax without a receiving number")
        .containsExactly(inbox);

    assertThat(
            faxbridge
                .api(
                    "PATCH",
                    "/api/tenants/routing/destinations/" + cardiology,
                    "{\"enabled\":false}")
                .statusCode())
        .isEqualTo(200);
    assertThat(route(rules, destinations, id, "+16505550199", connection))
        .as("a switched-off destination takes no new fax")
        .containsExactly(lab);
  }

  private static List<String> route(
      RoutingRules rules,
      TenantDestinations destinations,
      TenantId tenant,
      String number,
      String connection) {
    return rules
        .destinationsFor(
            tenant, number, Set.of("ringcentral", connection), destinations.forTenant(tenant))
        .stream()
        .map(UUID::toString)
        .toList();
  }

  private static void rule(String tenant, String destination, String match) {
    Operator.addRoutingRule(faxbridge, tenant, destination, match);
  }

  @Test
  void offboardingWipesTheSecretsOfTheTenantsDestinations() {
    String tenant = TestBed.createTenant(faxbridge, "leaver");
    HttpResponse<String> created =
        faxbridge.api(
            "POST",
            "/api/tenants/leaver/destinations",
            "{\"name\":\"ehr\",\"kind\":\"fhir\",\"settings\":{\"baseUrl\":\"https://e.example\","
                + "\"authentication\":\"basic\",\"username\":\"fax\"},\"secret\":\""
                + SECRET
                + "\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JdbcClient jdbc = faxbridge.bean(JdbcClient.class);
    String sealed =
        "select count(*) from destination where tenant_id = cast(:tenant as uuid)"
            + " and secret_sealed is not null";
    assertThat(jdbc.sql(sealed).param("tenant", tenant).query(Long.class).single()).isEqualTo(1);

    assertThat(faxbridge.api("POST", "/api/tenants/leaver/offboarding", null).statusCode())
        .isEqualTo(200);

    assertThat(jdbc.sql(sealed).param("tenant", tenant).query(Long.class).single()).isZero();
    assertThat(
            faxbridge
                .api(
                    "POST",
                    "/api/tenants/leaver/destinations",
                    "{\"name\":\"again\",\"kind\":\"folder\",\"settings\":{\"root\":\"/x\"}}")
                .statusCode())
        .as("an offboarded tenant takes no new destination")
        .isEqualTo(409);
  }

  private static String folder(String tenant, String name) {
    return Operator.addDestination(
        faxbridge,
        tenant,
        "{\"name\":\"" + name + "\",\"kind\":\"folder\",\"settings\":{\"root\":\"/srv/fax\"}}");
  }

  private static List<JsonNode> list(String path) {
    HttpResponse<String> answer = faxbridge.api("GET", path, null);
    assertThat(answer.statusCode()).isEqualTo(200);
    return TestBed.json(answer).valueStream().toList();
  }
}
