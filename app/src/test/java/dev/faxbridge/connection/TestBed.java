package dev.faxbridge.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.emulator.ClientApp;
import dev.faxbridge.emulator.RingCentralEmulator;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.Emulators;
import dev.faxbridge.testing.FaxbridgeInstance;
import dev.faxbridge.testing.TestDatabase;
import dev.faxbridge.testing.TestKeyset;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the connection tests run against: an emulator whose faxbridge app has the callback of a
 * faxbridge on a fixed port registered as redirect URI, a database of its own, faxbridge on the
 * emulator's clock, and helpers that go through the operator API as an operator would.
 */
public record TestBed(
    RingCentralEmulator emulator, ClientApp app, String databaseUrl, Path data, int port) {

  static final JsonMapper JSON = JsonMapper.builder().build();

  public static TestBed create(RingCentralEmulator emulator, Path data) {
    int port = freePort();
    ClientApp app =
        emulator.createApp(
            "faxbridge", java.util.List.of("http://127.0.0.1:" + port + "/connect/callback"));
    return new TestBed(emulator, app, TestDatabase.newDatabaseUrl(), data, port);
  }

  /** A new bed on the RingCentral emulator of {@code emulators}, in the test's data directory. */
  public static TestBed create(Emulators emulators) {
    return create(emulators.ringCentral(), emulators.dataDirectory());
  }

  public Map<String, Object> properties() {
    Map<String, Object> properties = new HashMap<>();
    properties.put("spring.datasource.url", databaseUrl);
    properties.put("server.port", String.valueOf(port));
    properties.put("db-scheduler.enabled", "false");
    properties.put("faxbridge.ringcentral.client-id", app.clientId());
    properties.put("faxbridge.ringcentral.client-secret", app.clientSecret());
    properties.put("faxbridge.ringcentral.server-url", emulator.platformUrl().toString());
    properties.put("faxbridge.ringcentral.media-urls", emulator.mediaUrl().toString());
    properties.put("faxbridge.delivery.folder.root", data.resolve("inbox").toString());
    properties.put("faxbridge.sync.staging-directory", data.resolve("staging").toString());
    properties.put("faxbridge.secrets.keyset", TestKeyset.JSON);
    properties.put("faxbridge.operator.api-token", FaxbridgeInstance.OPERATOR_TOKEN);
    properties.put("faxbridge.connect.public-url", "http://127.0.0.1:" + port);
    return properties;
  }

  public FaxbridgeInstance start() {
    return FaxbridgeInstance.start(properties(), emulator.clock());
  }

  /**
   * faxbridge as {@link #start()} does, sending its mail to the SMTP server on {@code smtpPort}.
   */
  public FaxbridgeInstance startSendingMailTo(int smtpPort) {
    Map<String, Object> properties = properties();
    properties.put("spring.mail.host", "127.0.0.1");
    properties.put("spring.mail.port", String.valueOf(smtpPort));
    return FaxbridgeInstance.start(properties, emulator.clock());
  }

  /** A second node on the same database (any port; it serves no connect pages here). */
  public FaxbridgeInstance startSecondNode() {
    Map<String, Object> properties = properties();
    properties.put("server.port", "0");
    return FaxbridgeInstance.start(properties, emulator.clock());
  }

  public Clinic clinic(String name) {
    return Clinic.create(emulator, app.clientId(), name);
  }

  /** Creates a tenant through the API; its id. */
  public static String createTenant(FaxbridgeInstance faxbridge, String slug) {
    HttpResponse<String> created =
        faxbridge.api(
            "POST", "/api/tenants", "{\"slug\":\"" + slug + "\",\"name\":\"" + slug + " clinic\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return json(created).get("id").asString();
  }

  /** Adds a JWT connection through the API; its id. */
  public static ConnectionId connectJwt(FaxbridgeInstance faxbridge, String tenantId, String jwt) {
    HttpResponse<String> connected = postJwt(faxbridge, tenantId, jwt);
    assertThat(connected.statusCode()).as(connected.body()).isEqualTo(201);
    return ConnectionId.parse(json(connected).get("id").asString());
  }

  /**
   * Sets through the API whom a tenant's notifications reach: the clinic contact by email, the
   * operator by a webhook signed with {@code webhookSecret}; the answer, which must be 200.
   */
  public static HttpResponse<String> setNotifications(
      FaxbridgeInstance faxbridge,
      String tenantId,
      String contactEmail,
      URI webhookUrl,
      String webhookSecret) {
    HttpResponse<String> answer =
        faxbridge.api(
            "PUT",
            "/api/tenants/" + tenantId + "/notifications",
            "{\"contactEmail\":\""
                + contactEmail
                + "\",\"webhookUrl\":\""
                + webhookUrl
                + "\",\"webhookSecret\":\""
                + webhookSecret
                + "\"}");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return answer;
  }

  public static HttpResponse<String> postJwt(
      FaxbridgeInstance faxbridge, String tenantId, String jwt) {
    return faxbridge.api(
        "POST",
        "/api/tenants/" + tenantId + "/connections",
        "{\"provider\":\"ringcentral\",\"jwt\":\"" + jwt + "\"}");
  }

  public static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
