package dev.faxbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ringcentral.RestClient;
import com.ringcentral.RestException;
import com.ringcentral.definitions.GetTokenRequest;
import com.ringcentral.definitions.TokenInfo;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuthorizationCodeFlowTest {

  private static final String CALLBACK = "https://faxbridge.example/connect/callback";
  private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

  private final Clinic clinic = new Clinic();
  private final ClientApp web = clinic.emu.createApp("faxbridge web", List.of(CALLBACK));
  private final HttpClient browser =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @AfterEach
  void stop() {
    clinic.close();
  }

  private RestClient sdk() {
    return new RestClient(web.clientId(), web.clientSecret(), clinic.emu.platformUrl().toString());
  }

  /** Walks the browser through login and consent; returns the final redirect's query. */
  private Map<String, String> consent(String authorizeUrl, String password, String decision)
      throws Exception {
    HttpResponse<String> start =
        browser.send(get(authorizeUrl), HttpResponse.BodyHandlers.ofString());
    assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
    String loginUrl = start.headers().firstValue("Location").orElseThrow();
    String authorization = query(loginUrl).get("authorization");
    HttpResponse<String> loginPage =
        browser.send(get(loginUrl), HttpResponse.BodyHandlers.ofString());
    assertThat(loginPage.body()).contains("faxbridge web").contains("name=\"password\"");
    HttpResponse<String> consentPage =
        post(
            "/emulator/login",
            Map.of(
                "authorization",
                authorization,
                "account",
                clinic.account.id(),
                "extension",
                "101",
                "password",
                password));
    if (!consentPage.body().contains("id=\"authorize\"")) {
      return Map.of("page", consentPage.body());
    }
    HttpResponse<String> done =
        post("/emulator/consent", Map.of("authorization", authorization, "decision", decision));
    assertThat(done.statusCode()).isEqualTo(302);
    String location = done.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(CALLBACK + "?");
    return query(location);
  }

  private String authorizeUrl(String challenge, String method) {
    String url = sdk().authorizeUri(CALLBACK, "state-42");
    if (challenge != null) {
      url +=
          "&code_challenge="
              + challenge
              + (method == null ? "" : "&code_challenge_method=" + method);
    }
    return url;
  }

  private TokenInfo exchange(String code, String verifier) throws Exception {
    return sdk()
        .authorize(
            new GetTokenRequest()
                .grant_type("authorization_code")
                .code(code)
                .redirect_uri(CALLBACK)
                .code_verifier(verifier));
  }

  @Test
  void pkceS256CodeIsExchangedForTokensThatWork() throws Exception {
    Map<String, String> callback =
        consent(authorizeUrl(AuthorizationCodes.s256(VERIFIER), "S256"), "password", "Authorize");

    RestClient rc = sdk();
    rc.token = exchange(callback.get("code"), VERIFIER);

    assertThat(callback).containsEntry("state", "state-42").containsEntry("expires_in", "60");
    assertThat(rc.token.owner_id).isEqualTo(clinic.owner());
    assertThat(rc.token.refresh_token).isNotBlank();
    assertThat(rc.restapi().account().extension().list().records).isNotEmpty();
  }

  @Test
  void pkceS256ChallengeMatchesRfc7636AppendixB() {
    assertThat(AuthorizationCodes.s256(VERIFIER))
        .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  }

  @Test
  void pkcePlainIsTheDefaultMethod() throws Exception {
    Map<String, String> callback =
        consent(authorizeUrl("plain-verifier-123", null), "password", "Authorize");

    assertThat(exchange(callback.get("code"), "plain-verifier-123").access_token).isNotBlank();
  }

  @Test
  void wrongVerifierIsRefused() throws Exception {
    Map<String, String> callback =
        consent(authorizeUrl(AuthorizationCodes.s256(VERIFIER), "S256"), "password", "Authorize");

    assertThatThrownBy(() -> exchange(callback.get("code"), "another-verifier"))
        .isInstanceOfSatisfying(
            RestException.class, e -> assertThat(e.getMessage()).contains("invalid_grant"));
  }

  @Test
  void codeIsSingleUse() throws Exception {
    Map<String, String> callback = consent(authorizeUrl(null, null), "password", "Authorize");
    exchange(callback.get("code"), null);

    assertThatThrownBy(() -> exchange(callback.get("code"), null))
        .isInstanceOfSatisfying(
            RestException.class, e -> assertThat(e.getMessage()).contains("OAU-106"));
  }

  @Test
  void codeExpiresAfterSixtySeconds() throws Exception {
    Map<String, String> callback = consent(authorizeUrl(null, null), "password", "Authorize");
    clinic.emu.clock().advance(Duration.ofSeconds(61));

    assertThatThrownBy(() -> exchange(callback.get("code"), null))
        .isInstanceOfSatisfying(
            RestException.class, e -> assertThat(e.getMessage()).contains("OAU-108"));
  }

  @Test
  void publicClientSendsClientIdInTheBodyWithAVerifier() throws Exception {
    Map<String, String> callback =
        consent(authorizeUrl(AuthorizationCodes.s256(VERIFIER), "S256"), "password", "Authorize");

    HttpResponse<String> token =
        browser.send(
            HttpRequest.newBuilder(URI.create(clinic.emu.platformUrl() + "/restapi/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        form(
                            Map.of(
                                "grant_type",
                                "authorization_code",
                                "code",
                                callback.get("code"),
                                "redirect_uri",
                                CALLBACK,
                                "client_id",
                                web.clientId(),
                                "code_verifier",
                                VERIFIER))))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
    assertThat(token.body()).contains("\"access_token\"");
  }

  @Test
  void unregisteredRedirectUriIsRefusedBeforeLogin() throws Exception {
    String url = sdk().authorizeUri("https://evil.example/cb", "s");

    HttpResponse<String> response = browser.send(get(url), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("OAU-109");
  }

  @Test
  void cancellingRedirectsWithAccessDenied() throws Exception {
    Map<String, String> callback = consent(authorizeUrl(null, null), "password", "Cancel");

    assertThat(callback).containsEntry("error", "access_denied").containsEntry("state", "state-42");
  }

  @Test
  void passwordSetThroughTheControlApiIsTheOneTheLoginPageChecks() throws Exception {
    HttpResponse<String> set =
        browser.send(
            HttpRequest.newBuilder(clinic.ownerControl("/password"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"password\": \"s3cret\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(set.statusCode()).isEqualTo(204);
    assertThat(consent(authorizeUrl(null, null), "password", "Authorize").get("page"))
        .contains("Invalid credentials.");
    assertThat(consent(authorizeUrl(null, null), "s3cret", "Authorize")).containsKey("code");
  }

  @Test
  void wrongPasswordStaysOnTheLoginPage() throws Exception {
    Map<String, String> result = consent(authorizeUrl(null, null), "wrong", "Authorize");

    assertThat(result.get("page")).contains("Invalid credentials.");
  }

  private static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).build();
  }

  private HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(URI.create(clinic.emu.platformUrl() + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(fields)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String form(Map<String, String> fields) {
    StringBuilder body = new StringBuilder();
    fields.forEach(
        (k, v) ->
            body.append(body.length() == 0 ? "" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return body.toString();
  }

  private static Map<String, String> query(String url) {
    Map<String, String> result = new HashMap<>();
    String query = URI.create(url).getRawQuery();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      result.put(
          pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return result;
  }
}
