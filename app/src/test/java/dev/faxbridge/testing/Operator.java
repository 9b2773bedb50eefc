package dev.faxbridge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.connection.ConnectionId;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What an operator does through faxbridge's REST API, for tests. */
public final class Operator {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Operator() {}

  /** Creates a tenant and connects the clinic's JWT credential; answers the connection id. */
  public static ConnectionId connect(FaxbridgeInstance faxbridge, String slug, Clinic clinic) {
    return connect(faxbridge, slug, clinic, null);
  }

  public static ConnectionId connect(
      FaxbridgeInstance faxbridge, String slug, Clinic clinic, Integer syncIntervalSeconds) {
    HttpResponse<String> tenant =
        faxbridge.api(
            "POST",
            "/api/tenants",
            "{\"slug\":\""
                + slug
                + "\",\"name\":\""
                + slug
                + "\""
                + (syncIntervalSeconds == null
                    ? ""
                    : ",\"syncIntervalSeconds\":" + syncIntervalSeconds)
                + "}");
    assertThat(tenant.statusCode()).as(tenant.body()).isEqualTo(201);
    String tenantId = json(tenant).get("id").asString();
    HttpResponse<String> connection =
        faxbridge.api(
            "POST",
            "/api/tenants/" + tenantId + "/connections",
            "{\"provider\":\"ringcentral\",\"jwt\":\"" + clinic.jwt() + "\"}");
    assertThat(connection.statusCode()).as(connection.body()).isEqualTo(201);
    assertThat(connection.body())
        .as("the answer never echoes the credential")
        .doesNotContain(clinic.jwt());
    return ConnectionId.parse(json(connection).get("id").asString());
  }

  /** Connects the clinic's Faxage company to an existing tenant; answers the connection id. */
  public static ConnectionId connectFaxage(
      FaxbridgeInstance faxbridge, String tenant, FaxageClinic clinic, String acknowledgement) {
    HttpResponse<String> connection =
        faxbridge.api(
            "POST",
            "/api/tenants/" + tenant + "/connections",
            clinic.connectionBody(acknowledgement));
    assertThat(connection.statusCode()).as(connection.body()).isIn(200, 201);
    assertThat(connection.body())
        .as("the answer never echoes the password")
        .doesNotContain(clinic.account().password());
    return ConnectionId.parse(json(connection).get("id").asString());
  }

  public static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }
}
