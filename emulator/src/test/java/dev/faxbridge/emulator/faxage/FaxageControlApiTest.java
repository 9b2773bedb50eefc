package dev.faxbridge.emulator.faxage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a test or the demo does through the Java API, over HTTP. */
class FaxageControlApiTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();
  private FaxageEmulator faxage;

  @BeforeEach
  void start() {
    faxage = FaxageEmulator.builder().start();
  }

  @AfterEach
  void stop() {
    faxage.close();
  }

  @Test
  void createsAccountsDeliversFaxesAndShowsWhatWasHandled() throws Exception {
    assertThat(
            send(
                    "POST",
                    "/control/accounts",
                    "{\"company\":\"1\",\"username\":\"u\",\"password\":\"p\"}")
                .statusCode())
        .isEqualTo(201);
    HttpResponse<String> delivered =
        send(
            "POST",
            "/control/companies/1/faxes",
            "{\"from\":\"+15551230001\",\"to\":\"+15559870001\",\"pageCount\":2,"
                + "\"contentType\":\"image/tiff\"}");
    long recvid = json.readTree(delivered.body()).path("recvid").asLong();
    faxage.deliverFax("1", dev.faxbridge.emulator.InboundFaxSpec.of("+1555", "+1556", 1));

    faxage.listLayout(ListLayout.TIME_SPLIT);
    assertThat(send("POST", "/control/list-layout", "{\"layout\":\"CSID_THIRD\"}").statusCode())
        .isEqualTo(200);
    assertThat(faxage.listLayout()).isEqualTo(ListLayout.CSID_THIRD);
    JsonNode faxes = json.readTree(send("GET", "/control/companies/1/faxes", null).body());

    assertThat(delivered.statusCode()).isEqualTo(201);
    assertThat(faxes.path("faxes")).hasSize(2);
    assertThat(faxes.path("faxes").get(0).path("recvid").asLong()).isEqualTo(recvid);
    assertThat(faxes.path("faxes").get(0).path("contentType").asString()).isEqualTo("image/tiff");
    assertThat(faxes.path("faxes").get(0).path("handled").asBoolean()).isFalse();
  }

  @Test
  void rejectsBadInputWithAMessage() throws Exception {
    HttpResponse<String> answer = send("POST", "/control/accounts", "{\"company\":\"1\"}");

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(json.readTree(answer.body()).path("message").asString()).contains("username");
  }

  @Test
  void injectsFaultsMovesTimeAndShowsTheRequestLog() throws Exception {
    faxage.createAccount("1", "u", "p");
    assertThat(
            send(
                    "POST",
                    "/control/faults",
                    "{\"path\":\"listfax\",\"kind\":\"STATUS\",\"status\":502}")
                .statusCode())
        .isEqualTo(204);
    HttpResponse<String> listed =
        http.send(
            HttpRequest.newBuilder(faxage.endpointUrl())
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "company=1&username=u&password=p&operation=listfax"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    java.time.Instant before = faxage.clock().instant();
    send("POST", "/control/time", "{\"advance\":\"PT2H\"}");

    JsonNode log = json.readTree(send("GET", "/control/requests", null).body());
    assertThat(listed.statusCode()).isEqualTo(502);
    assertThat(log.path("records").get(0).path("status").asInt()).isEqualTo(502);
    assertThat(log.path("records").get(0).path("operation").asString()).isEqualTo("listfax");
    assertThat(log.toString()).doesNotContain("password");
    assertThat(faxage.clock().instant()).isAfterOrEqualTo(before.plusSeconds(7200));
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(faxage.baseUrl() + path));
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
