package dev.faxbridge.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.Emulators;
import dev.faxbridge.testing.FaxbridgeInstance;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The clinic hands a JWT credential over on its connect link, not by email: checked at once with
 * the operator API's precise outcomes in plain words, never repeated, logged or audited; the link
 * is used up by the connection it makes, locks after repeated refusals and can be revoked.
 */
@ExtendWith(OutputCaptureExtension.class)
class JwtHandoverTest {

  @RegisterExtension static final Emulators EMULATORS = Emulators.started();

  private TestBed bed;
  private FaxbridgeInstance faxbridge;
  private String tenant;
  private final ConnectPageBrowser admin = new ConnectPageBrowser();

  @BeforeEach
  void start() {
    bed = TestBed.create(EMULATORS);
    Map<String, Object> properties = bed.properties();
    properties.put("faxbridge.notifications.operator-email", "operator@faxbridge.example");
    properties.put("faxbridge.connect.max-failed-credentials", "3");
    faxbridge = FaxbridgeInstance.start(properties, EMULATORS.ringCentral().clock());
    tenant = TestBed.createTenant(faxbridge, "riverside");
  }

  @AfterEach
  void stop() {
    faxbridge.close();
  }

  @Test
  void aPastedCredentialConnectsAtOnceShowsTheFaxesFoundAndUsesTheLinkUp() throws Exception {
    Clinic clinic = bed.clinic("Riverside");
    clinic.receiveFax(0, 1);
    clinic.receiveFax(1, 2);
    URI link = newLink("{}");

    HttpResponse<String> outcome = admin.paste(link, clinic.jwt());

    assertThat(outcome.statusCode()).as(outcome.body()).isEqualTo(200);
    assertThat(outcome.body())
        .contains("All set: riverside clinic is connected")
        .contains("faxbridge found 2 faxes");
    ProviderConnection connection = faxbridge.bean(Connections.class).all().get(0);
    assertThat(connection.authMethod()).isEqualTo(AuthMethod.JWT);
    assertThat(connection.status()).isEqualTo(ConnectionStatus.ACTIVE);
    HttpResponse<String> again = admin.open(link);
    assertThat(again.statusCode()).isEqualTo(410);
    assertThat(again.body()).contains("already been used");
    assertThat(admin.paste(link, clinic.jwt()).statusCode()).isEqualTo(410);
  }

  @Test
  void aCredentialForAnotherAppIsRefusedInPlainWordsAndTheLinkStaysUsable() throws Exception {
    Clinic clinic = bed.clinic("Lakeview");
    String otherApp = EMULATORS.ringCentral().createApp("someone else's app").clientId();
    String jwt =
        EMULATORS
            .ringCentral()
            .issueJwtCredential(
                clinic.account().id(), clinic.account().ownerExtensionId(), otherApp);
    URI link = newLink("{}");

    HttpResponse<String> outcome = admin.paste(link, jwt);

    assertThat(outcome.statusCode()).isEqualTo(422);
    assertThat(outcome.body())
        .contains("This credential was made for another app")
        .contains(bed.app().clientId())
        .contains("Only specific apps of my");
    assertThat(faxbridge.bean(Connections.class).all()).isEmpty();
    assertThat(admin.paste(link, clinic.jwt()).statusCode()).isEqualTo(200);
  }

  @Test
  void eachPreciseRefusalIsExplainedToTheClinic() throws Exception {
    Clinic clinic = bed.clinic("Hillcrest");
    var nurse =
        EMULATORS
            .ringCentral()
            .createExtension(
                clinic.account().id(), dev.faxbridge.emulator.ExtensionSpec.user("Nurse", "301"));
    String nurses =
        EMULATORS
            .ringCentral()
            .issueJwtCredential(clinic.account().id(), nurse.id(), bed.app().clientId());
    URI link = newLink("{}");

    assertThat(admin.paste(link, "not a credential at all").body())
        .contains("That is not a JWT credential");
    assertThat(admin.paste(link, nurses).body())
        .contains("The person who made this credential is not an administrator");
  }

  @Test
  void thePastedCredentialNeverAppearsInLogsAuditDetailsOrAnswers(CapturedOutput output)
      throws Exception {
    Clinic clinic = bed.clinic("Maple");
    String otherApp = EMULATORS.ringCentral().createApp("another app").clientId();
    String refused =
        EMULATORS
            .ringCentral()
            .issueJwtCredential(
                clinic.account().id(), clinic.account().ownerExtensionId(), otherApp);
    URI link = newLink("{}");

    List<String> answers =
        List.of(
            admin.paste(link, refused).body(),
            admin.paste(link, "  " + clinic.jwt() + "\n").body(),
            faxbridge.api("GET", "/api/tenants/" + tenant + "/connections", null).body(),
            faxbridge.api("GET", "/api/tenants/" + tenant + "/notifications", null).body());

    String audit =
        String.join(
            "\n",
            faxbridge
                .bean(JdbcClient.class)
                .sql("select kind || ' ' || detail::text from audit_event")
                .query(String.class)
                .list());
    assertThat(audit).contains(AuditKind.CREDENTIAL_REJECTED.name(), "OAU-251");
    for (String jwt : List.of(refused, clinic.jwt())) {
      String signature = jwt.substring(jwt.lastIndexOf('.') + 1);
      assertThat(answers).noneMatch(answer -> answer.contains(signature));
      assertThat(audit).doesNotContain(signature);
      assertThat(output.getAll()).doesNotContain(signature);
    }
  }

  @Test
  void aFormPostWithoutThePagesCsrfTokenIsRefused() throws Exception {
    Clinic clinic = bed.clinic("Birch");
    URI link = newLink("{}");
    admin.open(link);

    HttpResponse<String> forged = admin.post(link, clinic.jwt(), null);

    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(faxbridge.bean(Connections.class).all()).isEmpty();
  }

  @Test
  void repeatedRefusedCredentialsLockTheLinkAndNotifyTheOperator() throws Exception {
    Clinic clinic = bed.clinic("Oakwood");
    URI link = newLink("{}");

    assertThat(admin.paste(link, "guess-1").statusCode()).isEqualTo(422);
    assertThat(admin.paste(link, "guess-2").statusCode()).isEqualTo(422);
    HttpResponse<String> third = admin.paste(link, "guess-3");

    assertThat(third.statusCode()).isEqualTo(423);
    assertThat(third.body()).contains("This link is locked");
    assertThat(admin.paste(link, clinic.jwt()).statusCode()).isEqualTo(423);
    assertThat(faxbridge.bean(Connections.class).all()).isEmpty();
    JdbcClient jdbc = faxbridge.bean(JdbcClient.class);
    assertThat(
            jdbc.sql("select channel from notification where event = 'connect_link.locked'")
                .query(String.class)
                .list())
        .containsExactly("EMAIL");
    assertThat(
            jdbc.sql("select count(*) from audit_event where kind = 'CONNECT_LINK_LOCKED'")
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void aRevokedLinkRefusesAndCannotBeRevokedTwice() throws Exception {
    Clinic clinic = bed.clinic("Cedar");
    HttpResponse<String> created =
        faxbridge.api("POST", "/api/tenants/" + tenant + "/connect-links", "{}");
    URI link = URI.create(TestBed.json(created).get("url").asString());
    String path =
        "/api/tenants/" + tenant + "/connect-links/" + TestBed.json(created).get("id").asString();

    String csrf = ConnectPageBrowser.csrfToken(admin.open(link));

    assertThat(faxbridge.api("DELETE", path, null).statusCode()).isEqualTo(204);

    HttpResponse<String> page = admin.open(link);
    assertThat(page.statusCode()).isEqualTo(410);
    assertThat(page.body()).contains("This link was withdrawn");
    HttpResponse<String> pasted = admin.post(link, clinic.jwt(), csrf);
    assertThat(pasted.statusCode()).isEqualTo(410);
    assertThat(pasted.body()).contains("This link was withdrawn");
    assertThat(faxbridge.api("DELETE", path, null).statusCode()).isEqualTo(409);
    assertThat(faxbridge.bean(Connections.class).all()).isEmpty();
  }

  @Test
  void theOperatorChoosesWhichWaysALinkOffers() throws Exception {
    Clinic clinic = bed.clinic("Elm");
    URI jwtOnly = newLink("{\"offers\":[\"jwt\"]}");
    URI signInOnly = newLink("{\"offers\":[\"sign-in\"]}");

    assertThat(admin.open(jwtOnly).body())
        .contains("Create a JWT credential and paste it here")
        .doesNotContain("Continue to RingCentral");
    assertThat(admin.open(signInOnly).body())
        .contains("Continue to RingCentral")
        .doesNotContain("paste it here");
    assertThat(admin.paste(signInOnly, clinic.jwt()).statusCode()).isEqualTo(403);
    assertThat(
            faxbridge
                .api("POST", "/api/tenants/" + tenant + "/connect-links", "{\"offers\":[]}")
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void aReauthorizationLinkNamesTheConnectionItRepairsAndAPastedCredentialRepairsIt()
      throws Exception {
    Clinic clinic = bed.clinic("Willow");
    ConnectionId connection = TestBed.connectJwt(faxbridge, tenant, clinic.jwt());
    URI link = newLink("{\"connectionId\":\"" + connection + "\"}");

    HttpResponse<String> page = admin.open(link);

    assertThat(page.body())
        .contains("Reconnect riverside clinic")
        .contains("repairs the connection to")
        .contains("RingCentral account " + clinic.account().id())
        .contains("Continue to RingCentral")
        .contains("paste it here");
    String fresh =
        EMULATORS
            .ringCentral()
            .issueJwtCredential(
                clinic.account().id(), clinic.account().ownerExtensionId(), bed.app().clientId());
    assertThat(admin.paste(link, fresh).statusCode()).isEqualTo(200);
    assertThat(faxbridge.bean(Connections.class).all()).hasSize(1);
  }

  private URI newLink(String body) {
    HttpResponse<String> created =
        faxbridge.api("POST", "/api/tenants/" + tenant + "/connect-links", body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return URI.create(TestBed.json(created).get("url").asString());
  }
}
