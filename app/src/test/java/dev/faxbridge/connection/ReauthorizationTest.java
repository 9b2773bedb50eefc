package dev.faxbridge.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.sync.SyncConnection;
import dev.faxbridge.sync.SyncReport;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.DropFolder;
import dev.faxbridge.testing.Emulators;
import dev.faxbridge.testing.FaxbridgeInstance;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The authorization-code flow end to end, through the emulator's login and consent pages: a clinic
 * connects through a connect link; when its refresh token dies, it is told once and re-authorizes
 * through the link it was sent, and every fax that arrived meanwhile is delivered once.
 */
class ReauthorizationTest {

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @RegisterExtension static final Emulators EMULATORS = Emulators.started();

  private TestBed bed;
  private FaxbridgeInstance faxbridge;
  private WebhookReceiver webhooks;
  private String tenant;
  private final RingCentralSignIn admin = new RingCentralSignIn();

  @BeforeEach
  void start() {
    bed = TestBed.create(EMULATORS);
    faxbridge = bed.startSendingMailTo(mail.getSmtp().getPort());
    webhooks = new WebhookReceiver();
    tenant = TestBed.createTenant(faxbridge, "riverside");
    TestBed.setNotifications(
        faxbridge,
        tenant,
        "admin@riverside.example",
        webhooks.url(),
        AuthorizationLossTest.WEBHOOK_SECRET);
  }

  @AfterEach
  void stop() {
    webhooks.close();
    faxbridge.close();
  }

  @Test
  void aClinicAdminConnectsANewAccountThroughAConnectLink() throws Exception {
    Clinic clinic = bed.clinic("Riverside");
    clinic.receiveFax(0, 1);

    HttpResponse<String> outcome = admin.authorize(newLink(), clinic.account().id(), "101");

    assertThat(outcome.statusCode()).as(outcome.body()).isEqualTo(200);
    assertThat(outcome.body()).contains("All set");
    ProviderConnection connection = onlyConnection();
    assertThat(connection.authMethod()).isEqualTo(AuthMethod.AUTHORIZATION_CODE);
    assertThat(connection.status()).isEqualTo(ConnectionStatus.ACTIVE);
    assertThat(connection.externalAccountId()).isEqualTo(clinic.account().id());
    assertThat(connection.ownerExtensionId()).isEqualTo(clinic.account().ownerExtensionId());
    assertThat(
            faxbridge
                .bean(JdbcClient.class)
                .sql(
                    "select mailboxes_readable from connection_authorization where connection_id = :id")
                .param("id", connection.id().value())
                .query(Integer.class)
                .single())
        .isEqualTo(2);
    assertThat(sync(connection.id()).delivered()).isEqualTo(1);
  }

  @Test
  void aSignInAsAUserWhoIsNotAnAdministratorIsRefusedWithWhatToDo() throws Exception {
    Clinic clinic = bed.clinic("Lakeview");
    EMULATORS
        .ringCentral()
        .createExtension(
            clinic.account().id(), dev.faxbridge.emulator.ExtensionSpec.user("Nurse", "301"));

    HttpResponse<String> outcome = admin.authorize(newLink(), clinic.account().id(), "301");

    assertThat(outcome.statusCode()).isEqualTo(422);
    assertThat(outcome.body()).contains("not an administrator");
    assertThat(faxbridge.bean(Connections.class).all()).isEmpty();
  }

  @Test
  void
      anExpiredRefreshTokenIsAnnouncedOnceAndReauthorizingThroughTheLinkDeliversWhatArrivedMeanwhile()
          throws Exception {
    Clinic clinic = bed.clinic("Hillcrest");
    String beforeBreak = clinic.receiveFax(0, 1).messageId();
    admin.authorize(newLink(), clinic.account().id(), "101");
    ConnectionId connection = onlyConnection().id();
    assertThat(sync(connection).delivered()).isEqualTo(1);

    EMULATORS.ringCentral().clock().advance(Duration.ofDays(8));
    String whileBroken = clinic.receiveFax(1, 2).messageId();
    SyncReport broken = sync(connection);

    assertThat(broken.outcome()).isEqualTo(SyncReport.Outcome.UNAUTHORIZED);
    assertThat(status(connection)).isEqualTo(ConnectionStatus.NEEDS_REAUTHORIZATION);
    EMULATORS.ringCentral().clearRequestLog();
    assertThat(sync(connection).outcome()).isEqualTo(SyncReport.Outcome.SKIPPED);
    assertThat(EMULATORS.ringCentral().requestLog()).isEmpty();
    assertThat(mail.getReceivedMessages()).hasSize(1);
    assertThat(webhooks.received()).hasSize(1);
    assertThat(TestBed.JSON.readTree(webhooks.received().get(0).body()).get("reason").asString())
        .isEqualTo("refresh-token-expired");

    URI emailedLink = linkIn(GreenMailUtil.getBody(mail.getReceivedMessages()[0]));
    HttpResponse<String> outcome = admin.authorize(emailedLink, clinic.account().id(), "101");

    assertThat(outcome.statusCode()).as(outcome.body()).isEqualTo(200);
    assertThat(status(connection)).isEqualTo(ConnectionStatus.ACTIVE);
    String afterwards = clinic.receiveFax(0, 1).messageId();
    SyncReport resumed = sync(connection);
    assertThat(resumed.delivered()).isEqualTo(2);
    assertThat(sync(connection).delivered()).isZero();
    DropFolder folder = DropFolder.of(bed.data().resolve("inbox"), "riverside");
    assertThat(folder.documents()).hasSize(3);
    assertThat(
            folder.sidecarContents().stream()
                .map(s -> s.get("ringcentral").get("messageId").asString()))
        .containsExactlyInAnyOrder(beforeBreak, whileBroken, afterwards);
    assertThat(mail.getReceivedMessages()).hasSize(1);
    assertThat(webhooks.received()).hasSize(1);
    assertThat(
            faxbridge.bean(AuditTrail.class).forTenant(UUID.fromString(tenant)).stream()
                .map(e -> e.kind()))
        .containsSubsequence(
            AuditKind.CONNECTION_ADDED,
            AuditKind.CONNECTION_NEEDS_REAUTHORIZATION,
            AuditKind.CONNECTION_REAUTHORIZED);
    assertThat(
            java.net.http.HttpClient.newHttpClient()
                .send(
                    java.net.http.HttpRequest.newBuilder(emailedLink).GET().build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .as("the emailed link works once")
        .isEqualTo(410);
  }

  private URI newLink() {
    HttpResponse<String> created =
        faxbridge.api("POST", "/api/tenants/" + tenant + "/connect-links", "{}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return URI.create(TestBed.json(created).get("url").asString());
  }

  private static URI linkIn(String email) {
    Matcher link =
        Pattern.compile("http://127\\.0\\.0\\.1:\\d+/connect/[A-Za-z0-9_-]+").matcher(email);
    assertThat(link.find()).as(email).isTrue();
    return URI.create(link.group());
  }

  private ProviderConnection onlyConnection() {
    var all = faxbridge.bean(Connections.class).all();
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  private SyncReport sync(ConnectionId connection) {
    return faxbridge.bean(SyncConnection.class).run(connection);
  }

  private ConnectionStatus status(ConnectionId connection) {
    return faxbridge.bean(Connections.class).get(connection).status();
  }
}
