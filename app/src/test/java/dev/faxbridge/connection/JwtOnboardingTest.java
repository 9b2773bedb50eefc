package dev.faxbridge.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.emulator.Extension;
import dev.faxbridge.emulator.ExtensionSpec;
import dev.faxbridge.emulator.RingCentralEmulator;
import dev.faxbridge.tenant.TenantId;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.FaxbridgeInstance;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Adding a RingCentral connection by JWT credential: validated at once, with a message that says
 * precisely what is wrong with a credential that cannot be used.
 */
class JwtOnboardingTest {

  private static RingCentralEmulator emulator;
  private static RingCentralEmulator otherEnvironment;

  @TempDir Path data;
  private TestBed bed;
  private FaxbridgeInstance faxbridge;
  private String tenant;

  @BeforeAll
  static void startEmulators() {
    emulator = RingCentralEmulator.builder().start();
    otherEnvironment = RingCentralEmulator.builder().start();
  }

  @AfterAll
  static void stopEmulators() {
    emulator.close();
    otherEnvironment.close();
  }

  @BeforeEach
  void start() {
    bed = TestBed.create(emulator, data);
    faxbridge = bed.start();
    tenant = TestBed.createTenant(faxbridge, "riverside");
  }

  @AfterEach
  void stop() {
    faxbridge.close();
  }

  @Test
  void connectsWithAValidCredentialAndRecordsAccountOwnerAndReadableMailboxes() {
    Clinic clinic = bed.clinic("Riverside");

    ConnectionId id = TestBed.connectJwt(faxbridge, tenant, clinic.jwt());

    ProviderConnection connection = faxbridge.bean(Connections.class).get(id);
    assertThat(connection.status()).isEqualTo(ConnectionStatus.ACTIVE);
    assertThat(connection.externalAccountId()).isEqualTo(clinic.account().id());
    assertThat(connection.ownerExtensionId()).isEqualTo(clinic.account().ownerExtensionId());
    Map<String, Object> check =
        faxbridge
            .bean(JdbcClient.class)
            .sql("select * from connection_authorization where connection_id = :id")
            .param("id", id.value())
            .query()
            .singleRow();
    assertThat(check.get("account_id")).isEqualTo(clinic.account().id());
    assertThat(check.get("mailboxes_readable")).isEqualTo(2);
    assertThat(check.get("mailboxes_refused")).isEqualTo(0);
    assertThat(auditKinds())
        .contains(AuditKind.CONNECTION_ADDED.name(), AuditKind.CREDENTIAL_VALIDATED.name());
  }

  @Test
  void refusesACredentialRestrictedToAnotherApp() {
    Clinic clinic = bed.clinic("Lakeview");
    String otherApp = emulator.createApp("someone else's app").clientId();
    String jwt =
        emulator.issueJwtCredential(
            clinic.account().id(), clinic.account().ownerExtensionId(), otherApp);

    assertRefused(jwt, "restricted to another app", bed.app().clientId());
  }

  @Test
  void refusesARevokedCredential() {
    Clinic clinic = bed.clinic("Hillcrest");
    emulator.revokeJwtCredential(clinic.jwt());

    assertRefused(clinic.jwt(), "was revoked");
  }

  @Test
  void refusesACredentialMadeForAnotherEnvironment() {
    var account = otherEnvironment.createAccount("Sandbox clinic");
    String jwt =
        otherEnvironment.issueJwtCredential(
            account.id(), account.ownerExtensionId(), bed.app().clientId());

    assertRefused(
        jwt,
        "was made for " + otherEnvironment.platformUrl().getAuthority(),
        "Sandbox and production credentials are not interchangeable");
  }

  @Test
  void refusesACredentialOfADisabledUser() {
    Clinic clinic = bed.clinic("Maple");
    emulator.disableUser(clinic.account().id(), clinic.account().ownerExtensionId());

    assertRefused(clinic.jwt(), "is disabled");
  }

  @Test
  void refusesACredentialOfAUserWhoIsNotAnAdministrator() {
    Clinic clinic = bed.clinic("Oakwood");
    Extension nurse =
        emulator.createExtension(clinic.account().id(), ExtensionSpec.user("Nurse", "301"));
    String jwt =
        emulator.issueJwtCredential(clinic.account().id(), nurse.id(), bed.app().clientId());

    assertRefused(jwt, "is not an administrator");
    assertThat(faxbridge.bean(Connections.class).all()).isEmpty();
  }

  @Test
  void refusesAnExpiredCredential() {
    Clinic clinic = bed.clinic("Birch");
    String jwt =
        emulator.issueJwtCredential(
            clinic.account().id(),
            clinic.account().ownerExtensionId(),
            bed.app().clientId(),
            emulator.clock().instant().plus(Duration.ofHours(1)));
    emulator.clock().advance(Duration.ofHours(2));

    assertRefused(jwt, "expired");
  }

  @Test
  void refusesSomethingThatIsNotAJwt() {
    assertRefused("not-a-credential", "That is not a JWT credential");
  }

  @Test
  void aNewCredentialForTheSameAccountReauthorizesTheConnectionItNeeded() {
    Clinic clinic = bed.clinic("Aspen");
    ConnectionId id = TestBed.connectJwt(faxbridge, tenant, clinic.jwt());
    emulator.revokeJwtCredential(clinic.jwt());
    emulator.endSessions(clinic.account().ownerExtensionId());
    faxbridge.bean(dev.faxbridge.sync.SyncConnection.class).run(id);
    assertThat(faxbridge.bean(Connections.class).get(id).status())
        .isEqualTo(ConnectionStatus.NEEDS_REAUTHORIZATION);
    String newJwt =
        emulator.issueJwtCredential(
            clinic.account().id(), clinic.account().ownerExtensionId(), bed.app().clientId());

    HttpResponse<String> answer = TestBed.postJwt(faxbridge, tenant, newJwt);

    assertThat(answer.statusCode())
        .as("the existing connection, re-authorized, is no new one")
        .isEqualTo(200);
    assertThat(TestBed.json(answer).get("id").asString()).isEqualTo(id.toString());
    assertThat(faxbridge.bean(Connections.class).get(id).status())
        .isEqualTo(ConnectionStatus.ACTIVE);
    assertThat(faxbridge.bean(Connections.class).credential(id)).contains(newJwt);
    assertThat(auditKinds()).contains(AuditKind.CONNECTION_REAUTHORIZED.name());
  }

  @Test
  void theSameCredentialPostedTwiceAnswersTheOneConnectionAndCreatesNoSecond() {
    Clinic clinic = bed.clinic("Birch");
    ConnectionId id = TestBed.connectJwt(faxbridge, tenant, clinic.jwt());

    HttpResponse<String> twice = TestBed.postJwt(faxbridge, tenant, clinic.jwt());

    assertThat(twice.statusCode()).as(twice.body()).isEqualTo(200);
    assertThat(TestBed.json(twice).get("id").asString()).isEqualTo(id.toString());
    assertThat(TestBed.json(twice).get("provider").asString()).isEqualTo("ringcentral");
    assertThat(TestBed.json(twice).get("status").asString()).isEqualTo("ACTIVE");
    assertThat(faxbridge.bean(Connections.class).forTenant(TenantId.parse(tenant))).hasSize(1);
  }

  @Test
  void removingAConnectionDeletesItsSecretsAndStopsItsSyncs() {
    Clinic clinic = bed.clinic("Cedar");
    ConnectionId id = TestBed.connectJwt(faxbridge, tenant, clinic.jwt());

    HttpResponse<String> removed = faxbridge.api("DELETE", "/api/connections/" + id, null);

    assertThat(removed.statusCode()).isEqualTo(204);
    Connections connections = faxbridge.bean(Connections.class);
    assertThat(connections.get(id).status()).isEqualTo(ConnectionStatus.DISABLED);
    assertThat(connections.credential(id)).isEmpty();
    assertThat(connections.tokens(id)).isEmpty();
    assertThat(faxbridge.bean(dev.faxbridge.sync.SyncConnection.class).run(id).outcome())
        .isEqualTo(dev.faxbridge.sync.SyncReport.Outcome.SKIPPED);
    assertThat(auditKinds()).contains(AuditKind.CONNECTION_REMOVED.name());
    HttpResponse<String> health = faxbridge.api("GET", "/api/connections/" + id, null);
    assertThat(TestBed.json(health).get("reason").asString())
        .startsWith("Switched off: an operator removed this connection");
    assertThat(faxbridge.api("DELETE", "/api/connections/" + id, null).statusCode())
        .as("removing it again")
        .isEqualTo(409);
  }

  private void assertRefused(String jwt, String... phrases) {
    HttpResponse<String> answer = TestBed.postJwt(faxbridge, tenant, jwt);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
    String detail = TestBed.json(answer).get("detail").asString();
    assertThat(detail).contains(phrases);
    assertThat(answer.body()).doesNotContain(jwt);
    assertThat(faxbridge.bean(Connections.class).all()).isEmpty();
    assertThat(auditKinds()).contains(AuditKind.CREDENTIAL_REJECTED.name());
  }

  private java.util.List<String> auditKinds() {
    return faxbridge.bean(AuditTrail.class).forTenant(UUID.fromString(tenant)).stream()
        .map(e -> e.kind().name())
        .toList();
  }
}
