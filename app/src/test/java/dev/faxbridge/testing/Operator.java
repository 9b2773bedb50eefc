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

  /** Adds a destination, described by the JSON {@code body}, to the tenant; answers its id. */
  public static String addDestination(FaxbridgeInstance faxbridge, String tenant, String body) {
    HttpResponse<String> created =
        faxbridge.api("POST", "/api/tenants/" + tenant + "/destinations", body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return json(created).get("id").asString();
  }

  /**
   * Adds a routing rule to {@code destination}; {@code match} is the rule's further JSON members
   * (null: none). Answers the API's answer, which was 201.
   */
  public static HttpResponse<String> addRoutingRule(
      FaxbridgeInstance faxbridge, String tenant, String destination, String match) {
    HttpResponse<String> created =
        faxbridge.api(
            "POST",
            "/api/tenants/" + tenant + "/routing-rules",
            "{\"destinationId\":\""
                + destination
                + "\""
                + (match == null ? "" : "," + match)
                + "}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return created;
  }

  public static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }
}
