package dev.faxbridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.audit.AuditEvent;
import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.TestBed;
import dev.faxbridge.emulator.RingCentralEmulator;
import dev.faxbridge.notification.TenantContacts;
import dev.faxbridge.provider.Acknowledgement;
import dev.faxbridge.sync.SourceAcknowledgements;
import dev.faxbridge.tenant.Tenant;
import dev.faxbridge.tenant.Tenants;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.FaxbridgeInstance;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The console's forms, posted as a browser posts them (session cookie, CSRF token): each does what
 * it says through the domain services, names the signed-in operator in the audit trail, and refuses
 * what belongs to another clinic or does not exist with a page saying so.
 */
class ConsoleActionsTest {

  private static RingCentralEmulator emulator;
  private static TestBed bed;
  private static FaxbridgeInstance faxbridge;
  @TempDir static Path data;

  private ConsoleBrowserSession browser;
  private String token;

  @BeforeAll
  static void start() {
    emulator = RingCentralEmulator.builder().start();
    bed = TestBed.create(emulator, data);
    faxbridge = bed.start();
    faxbridge.api(
        "POST",
        "/api/operators",
        "{\"username\":\""
            + ConsoleSecurityTest.OPERATOR
            + "\",\"password\":\""
            + ConsoleSecurityTest.PASSWORD
            + "\"}");
  }

  @AfterAll
  static void stop() {
    faxbridge.close();
    emulator.close();
  }

  @BeforeEach
  void signIn() {
    browser = new ConsoleBrowserSession(faxbridge.baseUrl());
    browser.signIn(ConsoleSecurityTest.OPERATOR, ConsoleSecurityTest.PASSWORD);
    token = ConsoleBrowserSession.csrfOf(browser.get("/console/onboarding").body());
  }

  @Test
  void anOperatorAddsAClinicConnectsItWithAJwtAndCreatesALinkAllAuditedUnderTheirName() {
    HttpResponse<String> added =
        post("/console/onboarding/clinics", Map.of("slug", "maple", "name", "Maple Clinic"));
    assertThat(added.headers().firstValue("Location").orElseThrow())
        .endsWith("/console/onboarding?clinic=maple");
    Tenant maple = faxbridge.bean(Tenants.class).findBySlug("maple").orElseThrow();
    Clinic clinic = bed.clinic("Maple");
    clinic.receiveFax(0, 1);

    HttpResponse<String> connected =
        post("/console/onboarding/jwt", Map.of("clinic", "maple", "jwt", clinic.jwt()));

    assertThat(connected.statusCode()).isEqualTo(200);
    assertThat(connected.body())
        .contains("The credential works: Maple Clinic is connected")
        .contains("faxbridge found 1 fax")
        .doesNotContain(clinic.jwt());
    assertThat(faxbridge.bean(Connections.class).forTenant(maple.id())).hasSize(1);

    HttpResponse<String> link =
        post("/console/onboarding/links", Map.of("clinic", "maple", "offers", "sign-in"));
    assertThat(link.statusCode()).isEqualTo(200);
    assertThat(link.body())
        .contains(bed.properties().get("faxbridge.connect.public-url") + "/connect/");

    assertThat(faxbridge.bean(AuditTrail.class).forTenant(maple.id().value()))
        .filteredOn(e -> e.actor().equals(ConsoleSecurityTest.OPERATOR))
        .extracting(AuditEvent::kind)
        .contains(
            AuditKind.TENANT_CREATED, AuditKind.CONNECTION_ADDED, AuditKind.CONNECT_LINK_CREATED);
  }

  @Test
  void aDuplicateClinicOrAnUnknownOneIsAPageSayingWhy() {
    post("/console/onboarding/clinics", Map.of("slug", "birch", "name", "Birch Clinic"));

    HttpResponse<String> again =
        post("/console/onboarding/clinics", Map.of("slug", "birch", "name", "Birch Again"));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("id=\"problem\"").contains("birch");

    HttpResponse<String> unknown = browser.get("/console/clinics/no-such-clinic");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body())
        .contains("No clinic &#39;no-such-clinic&#39;")
        .contains("Sign out olivia");
  }

  @Test
  void theClinicPageSettingsAndSyncActionsChangeWhatTheySay() {
    String tenant = TestBed.createTenant(faxbridge, "cedar");
    Clinic clinic = bed.clinic("Cedar");
    ConnectionId connection = TestBed.connectJwt(faxbridge, tenant, clinic.jwt());
    Tenant cedar = faxbridge.bean(Tenants.class).findBySlug("cedar").orElseThrow();

    assertThat(
            post("/console/clinics/cedar/acknowledgement", Map.of("mode", "MARK_READ"))
                .statusCode())
        .isEqualTo(302);
    assertThat(faxbridge.bean(SourceAcknowledgements.class).of(cedar.id()))
        .isEqualTo(Acknowledgement.MARK_READ);

    String secret = "a-webhook-secret-of-enough-length";
    post(
        "/console/clinics/cedar/notifications",
        Map.of(
            "contactEmail", "desk@cedar.example",
            "webhookUrl", "https://ops.example/hooks",
            "webhookSecret", secret));
    post(
        "/console/clinics/cedar/notifications",
        Map.of(
            "contactEmail", "front@cedar.example",
            "webhookUrl", "https://ops.example/hooks",
            "webhookSecret", ""));
    TenantContacts.Contacts contacts =
        faxbridge.bean(TenantContacts.class).find(cedar.id()).orElseThrow();
    assertThat(contacts.contactEmail()).isEqualTo("front@cedar.example");
    assertThat(contacts.webhookSecret())
        .as("an empty secret field keeps the secret")
        .isEqualTo(secret);
    assertThat(browser.get("/console/clinics/cedar").body()).doesNotContain(secret);

    HttpResponse<String> backfill =
        post(
            "/console/clinics/cedar/connections/" + connection + "/backfill",
            Map.of("from", "2026-01-05"));
    assertThat(backfill.statusCode()).isEqualTo(302);
    assertThat(
            faxbridge
                .bean(JdbcClient.class)
                .sql("select from_at from backfill_request where connection_id = :c")
                .param("c", connection.value())
                .query(java.sql.Timestamp.class)
                .single()
                .toInstant())
        .isEqualTo(Instant.parse("2026-01-05T00:00:00Z"));
    String page = browser.get("/console/clinics/cedar").body();
    assertThat(page).contains("Back-fill from").contains("pending");

    assertThat(
            post("/console/clinics/cedar/connections/" + connection + "/sync", Map.of())
                .statusCode())
        .isEqualTo(302);
  }

  @Test
  void aConnectionOrFaxOfAnotherClinicIsNotFoundThroughThisOne() {
    String oak = TestBed.createTenant(faxbridge, "oak");
    ConnectionId oakConnection = TestBed.connectJwt(faxbridge, oak, bed.clinic("Oak").jwt());
    TestBed.createTenant(faxbridge, "elm");

    for (String path :
        List.of(
            "/console/clinics/elm/connections/" + oakConnection + "/sync",
            "/console/clinics/elm/connections/not-an-id/sync",
            "/console/clinics/elm/dead-letters/3f2b8a1e-0c4d-4e5f-9a6b-7c8d9e0f1a2b/retry",
            "/console/clinics/elm/faxes/nope/reveal")) {
      assertThat(post(path, Map.of()).statusCode()).as(path).isEqualTo(404);
    }
  }

  private HttpResponse<String> post(String path, Map<String, String> fields) {
    Map<String, String> withToken = new HashMap<>(fields);
    withToken.put("_csrf", token);
    return browser.post(path, withToken);
  }
}
