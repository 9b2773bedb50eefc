package dev.faxbridge.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.emulator.Fault;
import dev.faxbridge.emulator.FaultRule;
import dev.faxbridge.notification.SendNotifications;
import dev.faxbridge.sync.SyncConnection;
import dev.faxbridge.sync.SyncReport;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.Emulators;
import dev.faxbridge.testing.FaxbridgeInstance;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * When a clinic's authorization dies for good, the connection is marked within one sync,
 * RingCentral is not called for it any more, and the clinic contact (email over real SMTP) and the
 * operator (signed webhook to a real HTTP receiver) hear about it exactly once. Passing failures
 * never do any of that.
 */
class AuthorizationLossTest {

  static final String WEBHOOK_SECRET = "webhook-secret-0123456789abcdef";
  static final String CONTACT = "frontdesk@riverside.example";

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @RegisterExtension static final Emulators EMULATORS = Emulators.started();

  private TestBed bed;
  private FaxbridgeInstance faxbridge;
  private WebhookReceiver webhooks;
  private String tenant;

  @BeforeEach
  void start() {
    bed = TestBed.create(EMULATORS);
    faxbridge = bed.startSendingMailTo(mail.getSmtp().getPort());
    webhooks = new WebhookReceiver();
    tenant = TestBed.createTenant(faxbridge, "riverside");
    HttpResponse<String> answer =
        TestBed.setNotifications(faxbridge, tenant, CONTACT, webhooks.url(), WEBHOOK_SECRET);
    assertThat(answer.body()).doesNotContain(WEBHOOK_SECRET);
  }

  @AfterEach
  void stop() {
    EMULATORS.ringCentral().clearFaults();
    webhooks.close();
    faxbridge.close();
  }

  @Test
  void aRevokedJwtCredentialWhoseSessionIsGoneNeedsReauthorizationAndIsAnnouncedOnce()
      throws Exception {
    Clinic clinic = bed.clinic("Riverside");
    ConnectionId connection = TestBed.connectJwt(faxbridge, tenant, clinic.jwt());
    assertThat(sync(connection).outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);

    EMULATORS.ringCentral().revokeJwtCredential(clinic.jwt());
    EMULATORS.ringCentral().endSessions(clinic.account().ownerExtensionId());

    assertLostWithinOneSyncAndAnnouncedOnce(connection, "OAU-140");
  }

  @Test
  void aDisabledUserNeedsReauthorizationAndIsAnnouncedOnce() throws Exception {
    Clinic clinic = bed.clinic("Lakeview");
    ConnectionId connection = TestBed.connectJwt(faxbridge, tenant, clinic.jwt());
    assertThat(sync(connection).outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);

    EMULATORS.ringCentral().disableUser(clinic.account().id(), clinic.account().ownerExtensionId());

    assertLostWithinOneSyncAndAnnouncedOnce(connection, "OAU-141");
  }

  @Test
  void aJwtConnectionWhoseRefreshTokenExpiredExchangesItsCredentialAgainAndStaysActive() {
    Clinic clinic = bed.clinic("Hillcrest");
    ConnectionId connection = TestBed.connectJwt(faxbridge, tenant, clinic.jwt());

    EMULATORS.ringCentral().clock().advance(Duration.ofDays(8));
    clinic.receiveFax(0, 1);

    SyncReport report = sync(connection);

    assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
    assertThat(report.delivered()).isEqualTo(1);
    assertThat(status(connection)).isEqualTo(ConnectionStatus.ACTIVE);
    assertThat(mail.getReceivedMessages()).isEmpty();
    assertThat(webhooks.received()).isEmpty();
  }

  @Test
  void tokenEndpointOutagesNeverKillAConnection() {
    Clinic clinic = bed.clinic("Maple");
    ConnectionId connection = TestBed.connectJwt(faxbridge, tenant, clinic.jwt());
    EMULATORS.ringCentral().clock().advance(Duration.ofHours(2));
    EMULATORS
        .ringCentral()
        .injectFault(FaultRule.once("POST", "/restapi/oauth/token", Fault.status(503)).always());

    SyncReport duringOutage = sync(connection);
    SyncReport stillDuringOutage = sync(connection);

    assertThat(duringOutage.outcome()).isNotEqualTo(SyncReport.Outcome.UNAUTHORIZED);
    assertThat(stillDuringOutage.outcome()).isNotEqualTo(SyncReport.Outcome.UNAUTHORIZED);
    assertThat(status(connection)).isEqualTo(ConnectionStatus.ACTIVE);

    EMULATORS.ringCentral().clearFaults();
    EMULATORS.ringCentral().clock().advance(Duration.ofMinutes(2));
    clinic.receiveFax(1, 2);
    SyncReport afterOutage = sync(connection);

    assertThat(afterOutage.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
    assertThat(afterOutage.delivered()).isEqualTo(1);
    assertThat(mail.getReceivedMessages()).isEmpty();
    assertThat(webhooks.received()).isEmpty();
  }

  @Test
  void aWebhookReceiverThatIsDownGetsTheNotificationOnceItIsBack() {
    Clinic clinic = bed.clinic("Aspen");
    ConnectionId connection = TestBed.connectJwt(faxbridge, tenant, clinic.jwt());
    webhooks.failNext(1);
    EMULATORS.ringCentral().disableUser(clinic.account().id(), clinic.account().ownerExtensionId());

    sync(connection);

    assertThat(webhooks.refused()).isEqualTo(1);
    assertThat(webhooks.received()).isEmpty();
    assertThat(mail.getReceivedMessages()).hasSize(1);
    SendNotifications sender = faxbridge.bean(SendNotifications.class);
    assertThat(sender.sendDue()).as("not due before the retry delay").isZero();

    EMULATORS.ringCentral().clock().advance(Duration.ofMinutes(6));

    assertThat(sender.sendDue()).isEqualTo(1);
    assertThat(sender.sendDue()).isZero();
    assertThat(webhooks.received()).hasSize(1);
    assertThat(mail.getReceivedMessages()).hasSize(1);
  }

  private void assertLostWithinOneSyncAndAnnouncedOnce(ConnectionId connection, String reason)
      throws Exception {
    SyncReport report = sync(connection);

    assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.UNAUTHORIZED);
    assertThat(status(connection)).isEqualTo(ConnectionStatus.NEEDS_REAUTHORIZATION);

    EMULATORS.ringCentral().clearRequestLog();
    assertThat(sync(connection).outcome()).isEqualTo(SyncReport.Outcome.SKIPPED);
    assertThat(sync(connection).outcome()).isEqualTo(SyncReport.Outcome.SKIPPED);
    assertThat(EMULATORS.ringCentral().requestLog())
        .as("no calls for a connection that needs re-authorization")
        .isEmpty();

    MimeMessage[] emails = mail.getReceivedMessages();
    assertThat(emails).hasSize(1);
    assertThat(emails[0].getAllRecipients()[0].toString()).isEqualTo(CONTACT);
    assertThat(emails[0].getSubject()).contains("Action needed");
    String text = GreenMailUtil.getBody(emails[0]);
    assertThat(text).contains("http://127.0.0.1:" + bed.port() + "/connect/");
    assertThat(text).contains("paste it there").contains("never send a credential by email");

    assertThat(webhooks.received()).hasSize(1);
    WebhookReceiver.Received hook = webhooks.received().get(0);
    String timestamp = hook.header("X-Faxbridge-Timestamp");
    assertThat(hook.header("X-Faxbridge-Signature"))
        .isEqualTo("sha256=" + hmac(WEBHOOK_SECRET, timestamp + "." + hook.body()));
    var payload = TestBed.JSON.readTree(hook.body());
    assertThat(payload.get("event").asString()).isEqualTo("connection.needs_reauthorization");
    assertThat(payload.get("connectionId").asString()).isEqualTo(connection.toString());
    assertThat(payload.get("reason").asString()).isEqualTo(reason);
    assertThat(payload.get("connectLink").asString())
        .startsWith("http://127.0.0.1:" + bed.port() + "/connect/");

    var kinds =
        faxbridge.bean(AuditTrail.class).forTenant(UUID.fromString(tenant)).stream()
            .map(e -> e.kind())
            .toList();
    assertThat(kinds).containsOnlyOnce(AuditKind.CONNECTION_NEEDS_REAUTHORIZATION);
    assertThat(kinds.stream().filter(k -> k == AuditKind.NOTIFICATION_SENT)).hasSize(2);
  }

  private SyncReport sync(ConnectionId connection) {
    return faxbridge.bean(SyncConnection.class).run(connection);
  }

  private ConnectionStatus status(ConnectionId connection) {
    return faxbridge.bean(Connections.class).get(connection).status();
  }

  static String hmac(String secret, String text) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
  }
}
