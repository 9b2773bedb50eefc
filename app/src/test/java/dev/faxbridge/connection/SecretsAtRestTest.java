package dev.faxbridge.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faxbridge.FaxbridgeApplication;
import dev.faxbridge.delivery.routing.TenantDestination;
import dev.faxbridge.delivery.routing.TenantDestinations;
import dev.faxbridge.emulator.faxage.FaxageEmulator;
import dev.faxbridge.notification.TenantContacts;
import dev.faxbridge.platform.KeysetRotation;
import dev.faxbridge.platform.SecretBox;
import dev.faxbridge.sync.SyncConnection;
import dev.faxbridge.sync.SyncReport;
import dev.faxbridge.tenant.TenantId;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.DatabaseScan;
import dev.faxbridge.testing.Emulators;
import dev.faxbridge.testing.FaxageClinic;
import dev.faxbridge.testing.FaxbridgeInstance;
import dev.faxbridge.testing.Operator;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Secrets at rest: no credential, token, link or webhook secret is stored, logged or answered in
 * the clear, and a documented rotation re-encrypts every one of them under a new key.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsAtRestTest {

  private static final Pattern JWT_SHAPE =
      Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.");
  private static final String WEBHOOK_SECRET = "hmac-secret-for-the-operator-0123456789";
  private static final String OPERATOR_PASSWORD = "correct horse battery staple";
  private static final String DESTINATION_SECRET = "ehr-bearer-token-for-riverside-0123";
  private static final String DESTINATION =
      "{\"name\":\"ehr\",\"kind\":\"fhir\",\"settings\":{\"baseUrl\":"
          + "\"https://ehr.example/fhir\",\"authentication\":\"bearer\"},\"secret\":\""
          + DESTINATION_SECRET
          + "\"}";

  @RegisterExtension static final Emulators EMULATORS = Emulators.started();

  @Test
  void noColumnOfAnyTableHoldsASecretInTheClear(CapturedOutput output) {
    TestBed bed = TestBed.create(EMULATORS);
    Set<String> secrets = new LinkedHashSet<>();
    Clinic clinic = bed.clinic("Riverside");
    secrets.add(clinic.jwt());
    secrets.add(WEBHOOK_SECRET);
    secrets.add(OPERATOR_PASSWORD);
    secrets.add(DESTINATION_SECRET);
    try (FaxbridgeInstance faxbridge = bed.start()) {
      String tenant = TestBed.createTenant(faxbridge, "riverside");
      ConnectionId connection = TestBed.connectJwt(faxbridge, tenant, clinic.jwt());
      Connections connections = faxbridge.bean(Connections.class);
      collectTokens(connections, connection, secrets);
      faxbridge.api(
          "PUT",
          "/api/tenants/" + tenant + "/notifications",
          "{\"contactEmail\":\"a@b.example\",\"webhookUrl\":\"http://127.0.0.1:9/hook\","
              + "\"webhookSecret\":\""
              + WEBHOOK_SECRET
              + "\"}");
      secrets.add(linkToken(faxbridge, tenant));
      assertThat(
              faxbridge
                  .api(
                      "POST",
                      "/api/operators",
                      "{\"username\":\"alice\",\"password\":\"" + OPERATOR_PASSWORD + "\"}")
                  .statusCode())
          .isEqualTo(201);
      var token = faxbridge.api("POST", "/api/operators/alice/tokens", "{\"name\":\"ci\"}");
      secrets.add(TestBed.json(token).get("token").asString());
      clinic.receiveFax(0, 1);
      EMULATORS.ringCentral().clock().advance(Duration.ofMinutes(58));
      assertThat(faxbridge.bean(SyncConnection.class).run(connection).delivered()).isEqualTo(1);
      collectTokens(connections, connection, secrets);
      assertThat(faxbridge.api("POST", "/api/tenants/" + tenant + "/destinations", DESTINATION))
          .extracting(answer -> answer.statusCode())
          .isEqualTo(201);
      // Losing the authorization writes sealed notifications (with a connect link) to the outbox.
      EMULATORS.ringCentral().revokeJwtCredential(clinic.jwt());
      EMULATORS.ringCentral().endSessions(clinic.account().ownerExtensionId());
      assertThat(faxbridge.bean(SyncConnection.class).run(connection).outcome())
          .isEqualTo(SyncReport.Outcome.UNAUTHORIZED);

      JdbcClient jdbc = faxbridge.bean(JdbcClient.class);
      assertThat(jdbc.sql("select count(*) from notification").query(Long.class).single())
          .isEqualTo(2);
      List<String> findings = scanEveryColumn(jdbc, secrets);

      assertThat(findings).isEmpty();
      String answers =
          faxbridge.api("GET", "/api/tenants/" + tenant + "/connections", null).body()
              + faxbridge.api("GET", "/api/tenants/" + tenant + "/notifications", null).body()
              + faxbridge.api("GET", "/api/tenants/" + tenant + "/destinations", null).body();
      assertThat(secrets).noneMatch(answers::contains);
      assertThat(connections.tokens(connection).orElseThrow().toString())
          .doesNotContain(connections.tokens(connection).orElseThrow().accessToken());
    }
    assertThat(secrets.stream().filter(s -> !s.equals(OPERATOR_PASSWORD)))
        .as("secrets in the log")
        .noneMatch(output.getAll()::contains);
    assertThat(JWT_SHAPE.matcher(output.getAll()).find()).as("a JWT in the log").isFalse();
  }

  @Test
  void aFaxageLoginIsSealedAndNeverAnsweredNorLogged(CapturedOutput output) {
    TestBed bed = TestBed.create(EMULATORS);
    try (FaxageEmulator faxage = FaxageEmulator.builder().start()) {
      FaxageClinic clinic = FaxageClinic.create(faxage);
      String password = clinic.account().password();
      Map<String, Object> properties = bed.properties();
      properties.putAll(FaxageClinic.properties(faxage));
      try (FaxbridgeInstance faxbridge =
          FaxbridgeInstance.start(properties, EMULATORS.ringCentral().clock())) {
        String tenant = TestBed.createTenant(faxbridge, "faxage-secrets");
        ConnectionId connection = Operator.connectFaxage(faxbridge, tenant, clinic, null);
        clinic.receiveFax(1);
        assertThat(faxbridge.bean(SyncConnection.class).run(connection).delivered()).isEqualTo(1);

        assertThat(scanEveryColumn(faxbridge.bean(JdbcClient.class), Set.of(password))).isEmpty();
        assertThat(faxbridge.api("GET", "/api/tenants/" + tenant + "/connections", null).body())
            .doesNotContain(password);
        assertThat(faxbridge.api("GET", "/api/tenants/" + tenant + "/migration", null).body())
            .doesNotContain(password);
        assertThat(faxbridge.bean(Connections.class).credential(connection).orElseThrow())
            .contains(password);
      }
      assertThat(output.getAll()).as("the Faxage password in the log").doesNotContain(password);
    }
  }

  @Test
  void rotatingTheKeysetReencryptsEverySecretSoTheOldKeyCanBeRetired() {
    TestBed bed = TestBed.create(EMULATORS);
    String oldKeyset = SecretBox.generateKeyset();
    Clinic clinic = bed.clinic("Lakeview");
    Map<String, Object> properties = bed.properties();
    properties.put("faxbridge.secrets.keyset", oldKeyset);
    ConnectionId connection;
    String tenant;
    try (FaxbridgeInstance faxbridge =
        FaxbridgeInstance.start(properties, EMULATORS.ringCentral().clock())) {
      tenant = TestBed.createTenant(faxbridge, "lakeview");
      connection = TestBed.connectJwt(faxbridge, tenant, clinic.jwt());
      faxbridge
          .bean(TenantContacts.class)
          .put(
              TenantId.parse(tenant),
              new TenantContacts.Contacts(
                  null, URI.create("http://127.0.0.1:9/h"), WEBHOOK_SECRET));
      assertThat(faxbridge.api("POST", "/api/tenants/" + tenant + "/destinations", DESTINATION))
          .extracting(answer -> answer.statusCode())
          .isEqualTo(201);
    }

    String rotated = KeysetRotation.addPrimary(oldKeyset);
    properties.put("faxbridge.secrets.keyset", rotated);
    int reencrypted = FaxbridgeApplication.reencrypt(arguments(properties));
    String retired = KeysetRotation.retireOld(rotated);

    assertThat(reencrypted).isEqualTo(4);
    assertThat(KeysetRotation.size(rotated)).isEqualTo(2);
    assertThat(KeysetRotation.size(retired)).isEqualTo(1);
    properties.put("faxbridge.secrets.keyset", retired);
    clinic.receiveFax(1, 1);
    try (FaxbridgeInstance faxbridge =
        FaxbridgeInstance.start(properties, EMULATORS.ringCentral().clock())) {
      assertThat(faxbridge.bean(Connections.class).credential(connection)).contains(clinic.jwt());
      assertThat(
              faxbridge
                  .bean(TenantContacts.class)
                  .find(TenantId.parse(tenant))
                  .orElseThrow()
                  .webhookSecret())
          .isEqualTo(WEBHOOK_SECRET);
      assertThat(faxbridge.bean(TenantDestinations.class).forTenant(TenantId.parse(tenant)))
          .singleElement()
          .extracting(TenantDestination::secret)
          .isEqualTo(DESTINATION_SECRET);
      TenantDestination destination =
          faxbridge.bean(TenantDestinations.class).forTenant(TenantId.parse(tenant)).get(0);
      // Without a destination of its own the tenant's faxes go to the global folder again.
      assertThat(
              faxbridge
                  .api(
                      "DELETE",
                      "/api/tenants/" + tenant + "/destinations/" + destination.id(),
                      null)
                  .statusCode())
          .isEqualTo(204);
      assertThat(faxbridge.bean(SyncConnection.class).run(connection).delivered()).isEqualTo(1);
    }
    properties.put("faxbridge.secrets.keyset", oldKeyset);
    try (FaxbridgeInstance faxbridge =
        FaxbridgeInstance.start(properties, EMULATORS.ringCentral().clock())) {
      assertThatThrownBy(() -> faxbridge.bean(Connections.class).credential(connection))
          .as("the old key alone no longer opens anything")
          .hasMessageContaining("does not decrypt");
    }
  }

  private static String[] arguments(Map<String, Object> properties) {
    return properties.entrySet().stream()
        .map(e -> "--" + e.getKey() + "=" + e.getValue())
        .toArray(String[]::new);
  }

  private static void collectTokens(
      Connections connections, ConnectionId connection, Set<String> secrets) {
    TokenSet tokens = connections.tokens(connection).orElseThrow();
    secrets.add(tokens.accessToken());
    secrets.add(tokens.refreshToken());
  }

  private static String linkToken(FaxbridgeInstance faxbridge, String tenant) {
    var link = faxbridge.api("POST", "/api/tenants/" + tenant + "/connect-links", "{}");
    String url = TestBed.json(link).get("url").asString();
    return url.substring(url.lastIndexOf('/') + 1);
  }

  private static List<String> scanEveryColumn(JdbcClient jdbc, Set<String> secrets) {
    List<String> findings = new ArrayList<>();
    for (DatabaseScan.Value value : DatabaseScan.everyValue(jdbc)) {
      for (String secret : secrets) {
        if (value.text().contains(secret)) {
          findings.add(value.column() + " holds a secret in the clear");
        }
      }
      if (JWT_SHAPE.matcher(value.text()).find()) {
        findings.add(value.column() + " holds something shaped like a JWT");
      }
    }
    return findings;
  }
}
