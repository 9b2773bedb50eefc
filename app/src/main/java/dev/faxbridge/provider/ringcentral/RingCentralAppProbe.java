package dev.faxbridge.provider.ringcentral;

import dev.faxbridge.connection.ConnectSettings;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.provider.ProviderException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds out from the platform's own answers whether faxbridge's RingCentral app is registered as
 * faxbridge needs it, with no clinic credential: the token endpoint authenticates the client before
 * it looks at the grant (OAU-146/OAU-153 wrong client, OAU-251 grant not enabled, anything else
 * means both are fine), and the authorize endpoint checks the redirect URI before any sign-in
 * (OAU-113 none registered, OAU-109 not this one). App scopes appear only in a clinic's session, so
 * they are checked per connection by the calls faxbridge makes (CMN-401: scope missing).
 */
public class RingCentralAppProbe {

  private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

  private final RingCentralSettings settings;
  private final ConnectSettings connect;
  private final RingCentralClient client;
  private final RingCentralSession session;
  private final HttpClient http;
  private final JsonMapper json = JsonMapper.builder().build();

  RingCentralAppProbe(
      RingCentralSettings settings,
      ConnectSettings connect,
      RingCentralClient client,
      RingCentralSession session) {
    this.settings = settings;
    this.connect = connect;
    this.client = client;
    this.session = session;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** The app's client credentials, its grants and its redirect URI, each as one check. */
  public List<AppCheck> checkApp() {
    List<AppCheck> checks = new ArrayList<>();
    PlatformAnswer jwt = token(Map.of("grant_type", JWT_BEARER));
    if (jwt.isClientRefused()) {
      checks.add(
          AppCheck.failed(
              "RingCentral app credentials",
              "the token endpoint refused client id " + settings.clientId() + ": " + jwt,
              "Copy the client id and secret of faxbridge's app again from the developer console"
                  + " (and check faxbridge.ringcentral.server-url: sandbox apps live on the"
                  + " sandbox platform)."));
      return checks;
    }
    checks.add(AppCheck.passed("RingCentral app credentials", "client id " + settings.clientId()));
    checks.add(grant("JWT auth flow", jwt, "Enable the JWT auth flow in the app's settings."));
    PlatformAnswer code =
        token(
            Map.of(
                "grant_type", "authorization_code",
                "code", "doctor-probe",
                "redirect_uri", connect.callbackUrl()));
    checks.add(
        grant(
            "authorization-code flow (connect links)",
            code,
            "Enable the 3-legged OAuth flow (authorization code) in the app's settings."));
    checks.add(
        grant(
            "refresh tokens issued",
            token(Map.of("grant_type", "refresh_token", "refresh_token", "doctor-probe")),
            "Enable \"Issue refresh tokens\" in the app's settings."));
    if (code.isGrantRefused()) {
      checks.add(
          AppCheck.failed(
              "redirect URI " + connect.callbackUrl(),
              "not checked: the authorization-code flow is not enabled",
              "Enable it, then register " + connect.callbackUrl() + " as the OAuth redirect URI."));
    } else {
      checks.add(redirectUri());
    }
    return checks;
  }

  /**
   * One connection as faxbridge uses it: a valid session, the extension list (scope ReadAccounts)
   * and the fax message store (scope ReadMessages).
   */
  public AppCheck checkConnection(ProviderConnection connection) {
    String name = "connection " + connection.id().value();
    try {
      String token = session.accessToken(connection);
      client.get(token, "/restapi/v1.0/account/~/extension?perPage=1", "extension list");
      client.get(
          token,
          "/restapi/v1.0/account/~/extension/~/message-store?messageType=Fax&perPage=1",
          "fax message store");
      return AppCheck.passed(name, "active; reads extensions and faxes");
    } catch (ProviderException e) {
      boolean scope = String.valueOf(e.getMessage()).contains("CMN-401");
      return AppCheck.failed(
          name,
          e.getMessage(),
          scope
              ? "Add the app permissions Read Accounts and Read Messages to faxbridge's app; the"
                  + " clinic then authorizes again (a connect link)."
              : "See the connection's status in GET /api/tenants/{id}/connections; a clinic whose"
                  + " authorization ended needs a connect link.");
    }
  }

  private AppCheck grant(String check, PlatformAnswer answer, String fix) {
    if (answer.isGrantRefused()) {
      return AppCheck.failed(check, "not enabled: " + answer, fix);
    }
    return AppCheck.passed(check, "enabled");
  }

  private AppCheck redirectUri() {
    String check = "redirect URI " + connect.callbackUrl();
    String query =
        query(
            Map.of(
                "response_type", "code",
                "client_id", settings.clientId(),
                "redirect_uri", connect.callbackUrl(),
                "state", "doctor",
                "code_challenge", "doctor-probe-0123456789-0123456789-0123456789",
                "code_challenge_method", "S256"));
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(settings.serverUrl() + "/restapi/oauth/authorize?" + query))
            .timeout(settings.requestTimeout())
            .GET()
            .build();
    PlatformAnswer answer = send(request);
    if (answer.status() >= 300 && answer.status() < 400) {
      return AppCheck.passed(check, "registered");
    }
    return AppCheck.failed(
        check,
        "the authorize endpoint answered " + answer,
        "Register " + connect.callbackUrl() + " as an OAuth redirect URI of faxbridge's app.");
  }

  private PlatformAnswer token(Map<String, String> form) {
    HttpResponse<String> response = client.postToken(form, "app check");
    return new PlatformAnswer(response.statusCode(), PlatformError.parse(json, response.body()));
  }

  private PlatformAnswer send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new PlatformAnswer(response.statusCode(), PlatformError.parse(json, response.body()));
    } catch (IOException e) {
      throw new ProviderException.Unavailable("RingCentral cannot be reached: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException.Unavailable("interrupted", e);
    }
  }

  private static String query(Map<String, String> parameters) {
    return parameters.entrySet().stream()
        .map(
            entry ->
                entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  /** An HTTP status and the platform's error body, if any. */
  private record PlatformAnswer(int status, PlatformError error) {

    boolean isClientRefused() {
      return "invalid_client".equals(error.error())
          || "OAU-146".equals(error.code())
          || "OAU-153".equals(error.code());
    }

    boolean isGrantRefused() {
      return "OAU-251".equals(error.code()) || "unauthorized_client".equals(error.error());
    }

    @Override
    public String toString() {
      return "HTTP "
          + status
          + (error.code() == null && error.error() == null ? "" : " " + error.describe());
    }
  }
}
