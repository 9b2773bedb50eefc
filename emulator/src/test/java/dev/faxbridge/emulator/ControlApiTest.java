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
            "/control/accounts/" + clinic.account.id() + "/extensions/" + clinic.owner() + "/faxes",
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
    String base =
        "/control/accounts/" + clinic.account.id() + "/extensions/" + clinic.owner() + "/messages/";

    post(base + fax.messageId() + "/read", "");
    post(base + fax.messageId() + "/delete", "");

    assertThat(clinic.emu.readStatus(clinic.account.id(), clinic.owner(), fax.messageId()))
        .isEqualTo("Read");
    assertThat(clinic.emu.availability(clinic.account.id(), clinic.owner(), fax.messageId()))
        .isEqualTo("Deleted");
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
