package dev.faxbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.ringcentral.RestClient;
import com.ringcentral.definitions.GetMessageInfoResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ControlApiTest {

  private final Clinic clinic = new Clinic();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    clinic.close();
  }

  private JsonNode post(String path, String json) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(clinic.emu.platformUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    return response.body().isEmpty() ? null : Json.MAPPER.readTree(response.body());
  }

  @Test
  void deliveredFaxAppearsInTheMailboxWithItsAttributes() throws Exception {
    JsonNode fax =
        post(
            clinic.ownerControlPath("/faxes"),
            """
            {"from": "+15551112222", "to": "+15553334444", "pageCount": 2,
             "receivedAt": "2026-11-27T09:30:00Z", "senderName": "Lab"}
            """);

    GetMessageInfoResponse record =
        clinic.loginAsOwner().restapi().account().extension().messageStore().list().records[0];

    assertThat(Long.toString(record.id)).isEqualTo(fax.path("messageId").asString());
    assertThat(record.creationTime).isEqualTo("2026-11-27T09:30:00.000Z");
    assertThat(record.faxPageCount).isEqualTo(2L);
    assertThat(record.from.phoneNumber).isEqualTo("+15551112222");
    assertThat(record.attachments[0].size).isEqualTo(fax.path("size").asLong());
  }

  @Test
  void createsAccountsExtensionsAndJwtsThatTheSdkCanUse() throws Exception {
    JsonNode app = post("/control/apps", "{\"name\": \"other\"}");
    JsonNode account = post("/control/accounts", "{\"name\": \"Clinic B\"}");
    JsonNode extension =
        post(
            "/control/accounts/" + account.path("id").asString() + "/extensions",
            "{\"type\": \"FaxUser\", \"name\": \"Fax\", \"extensionNumber\": \"201\"}");
    JsonNode jwt =
        post(
            "/control/accounts/"
                + account.path("id").asString()
                + "/extensions/"
                + account.path("ownerExtensionId").asString()
                + "/jwt",
            "{\"clientId\": \"" + app.path("clientId").asString() + "\"}");
    RestClient rc =
        new RestClient(
            app.path("clientId").asString(),
            app.path("clientSecret").asString(),
            clinic.emu.platformUrl().toString());
    rc.authorize(jwt.path("jwt").asString());

    assertThat(rc.restapi().account().extension().list().records)
        .extracting(r -> Long.toString(r.id))
        .contains(extension.path("id").asString());
  }

  @Test
  void staffActionsChangeReadStatusAndAvailability() throws Exception {
    FaxMessage fax = clinic.fax(clinic.owner(), 1);
    String base = clinic.ownerControlPath("/messages/");

    post(base + fax.messageId() + "/read", "");
    post(base + fax.messageId() + "/delete", "");

    assertThat(clinic.emu.readStatus(clinic.account.id(), clinic.owner(), fax.messageId()))
        .isEqualTo("Read");
    assertThat(clinic.emu.availability(clinic.account.id(), clinic.owner(), fax.messageId()))
        .isEqualTo("Deleted");
  }

  @Test
  void timeMovesForwardThroughTheControlApi() throws Exception {
    RestClient rc = clinic.loginAsOwner();

    JsonNode now = post("/control/time", "{\"advance\": \"PT2H\"}");

    assertThat(now.path("now").asString()).isEqualTo("2026-11-27T12:00:00.000Z");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> rc.restapi().account().extension().list())
        .hasMessageContaining("TokenExpired");
  }

  @Test
  void tokenPolicyAndRateLimitsAreConfigurable() throws Exception {
    post(
        "/control/token-policy",
        "{\"accessTokenLifetime\": \"PT10M\", \"refreshTokenLifetime\": \"PT1H\"}");
    post("/control/rate-limits", "{\"window\": \"PT5S\", \"limits\": {\"Light\": 1}}");
    RestClient rc = clinic.loginAsOwner();
    rc.restapi().account().extension().messageStore().list();

    assertThat(rc.token.expires_in).isEqualTo(600L);
    assertThat(rc.token.refresh_token_expires_in).isEqualTo(3600L);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> rc.restapi().account().extension().messageStore().list())
        .hasMessageContaining("CMN-301");
  }

  @Test
  void faultsAreInjectedAndClearedThroughTheControlApi() throws Exception {
    RestClient rc = clinic.loginAsOwner();
    post(
        "/control/faults",
        """
        {"method": "GET",
         "path": "/restapi/v1.0/account/{accountId}/extension/{extensionId}/message-store",
         "kind": "STATUS", "status": 503, "times": -1}
        """);

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> rc.restapi().account().extension().messageStore().list())
        .hasMessageContaining("CMN-201");
    http.send(
        HttpRequest.newBuilder(URI.create(clinic.emu.platformUrl() + "/control/faults"))
            .DELETE()
            .build(),
        HttpResponse.BodyHandlers.discarding());
    assertThat(rc.restapi().account().extension().messageStore().list().records).isEmpty();
  }

  @Test
  void aDamagedRecordIsInjectedThroughTheControlApi() throws Exception {
    clinic.fax(clinic.owner(), 1);
    RestClient rc = clinic.loginAsOwner();
    post(
        "/control/faults",
        """
        {"method": "GET",
         "path": "/restapi/v1.0/account/{accountId}/extension/{extensionId}/message-store",
         "kind": "DAMAGED_RECORD", "field": "creationTime", "value": "not a time"}
        """);

    assertThat(rc.restapi().account().extension().messageStore().list().records[0].creationTime)
        .isEqualTo("not a time");
  }

  @Test
  void credentialRevocationAndUserDisablingThroughTheControlApi() throws Exception {
    Extension nurse =
        clinic.emu.createExtension(clinic.account.id(), ExtensionSpec.user("Nurse", "102"));
    String nurseJwt =
        clinic.emu.issueJwtCredential(clinic.account.id(), nurse.id(), clinic.app.clientId());
    RestClient nurseSession = clinic.login(nurseJwt);

    JsonNode revoked = post("/control/jwt/revoke", "{\"jwt\": \"" + clinic.ownerJwt + "\"}");
    post("/control/accounts/" + clinic.account.id() + "/extensions/" + nurse.id() + "/disable", "");

    assertThat(revoked.path("revoked").asBoolean()).isTrue();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> clinic.sdk().authorize(clinic.ownerJwt))
        .hasMessageContaining("OAU-140");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> nurseSession.restapi().account().extension().list())
        .hasMessageContaining("OAU-213");
  }

  @Test
  void retentionThroughTheControlApiDropsOldFaxes() throws Exception {
    FaxMessage old = clinic.fax(clinic.owner(), 1);
    post("/control/time", "{\"advance\": \"P31D\"}");

    post("/control/retention", "{\"maxAge\": \"P30D\", \"maxPerMailbox\": 200}");

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> clinic.emu.fax(clinic.account.id(), clinic.owner(), old.messageId()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void revokingOneSessionLeavesTheUsersOtherSessionsAlive() throws Exception {
    RestClient revoked = clinic.loginAsOwner();
    RestClient other = clinic.loginAsOwner();

    JsonNode answer =
        post("/control/sessions/revoke", "{\"token\": \"" + revoked.token.refresh_token + "\"}");

    assertThat(answer.path("revoked").asBoolean()).isTrue();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> revoked.restapi().account().extension().list())
        .hasMessageContaining("OAU-213");
    assertThat(other.restapi().account().extension().list().records).isNotEmpty();
  }

  @Test
  void badControlInputIsA400WithAMessage() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(clinic.emu.platformUrl() + "/control/accounts/1/extensions"))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"name\": \"x\", \"extensionNumber\": \"1\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("no account 1");
  }

  @Test
  void requestLogRecordsMethodPathStatusAndGroup() throws Exception {
    clinic.loginAsOwner().restapi().account().extension().messageStore().list();

    assertThat(clinic.emu.requestLog())
        .extracting(
            LoggedRequest::method,
            LoggedRequest::path,
            LoggedRequest::status,
            LoggedRequest::rateLimitGroup)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("POST", "/restapi/oauth/token", 200, "Auth"),
            org.assertj.core.groups.Tuple.tuple(
                "GET", "/restapi/v1.0/account/~/extension/~/message-store", 200, "Light"));
  }
}
