package dev.faxbridge.provider.ringcentral;

import dev.faxbridge.provider.ProviderException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * RingCentral's token endpoint, called as faxbridge's app (HTTP Basic with the client id and
 * secret): the JWT exchange, refresh, and the authorization-code exchange of the PKCE flow.
 * Refusals become {@link ProviderException}s that say whether the app or the clinic's authorization
 * is at fault.
 */
final class TokenEndpoint {

  private final RingCentralSettings settings;
  private final ApiRequests api;

  TokenEndpoint(RingCentralSettings settings, ApiRequests api) {
    this.settings = settings;
    this.api = api;
  }

  /** Exchanges a JWT credential for a token set, paced by {@code auth} (null: not paced). */
  TokenGrant exchangeJwt(RateLimitBudget.Lane auth, String jwtCredential) {
    return token(
        auth,
        Map.of("grant_type", RingCentralClient.JWT_GRANT, "assertion", jwtCredential),
        "JWT exchange");
  }

  /**
   * Uses a refresh token, paced by {@code auth}; RingCentral rotates it, so the answer's refresh
   * token replaces it.
   */
  TokenGrant refresh(RateLimitBudget.Lane auth, String refreshToken) {
    return token(
        auth, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken), "refresh");
  }

  /**
   * Redeems an authorization code of the PKCE flow; {@code redirectUri} must be the one sent to the
   * authorize endpoint.
   */
  TokenGrant exchangeCode(String code, String redirectUri, String codeVerifier) {
    return token(
        null,
        Map.of(
            "grant_type",
            "authorization_code",
            "code",
            code,
            "redirect_uri",
            redirectUri,
            "code_verifier",
            codeVerifier),
        "authorization code exchange");
  }

  private TokenGrant token(RateLimitBudget.Lane auth, Map<String, String> form, String what) {
    HttpResponse<String> response =
        auth == null
            ? postToken(form, what)
            : api.exchange(auth, tokenRequest(form), HttpResponse.BodyHandlers.ofString(), what);
    if (response.statusCode() == 200) {
      return TokenGrant.parse(api.parse(response.body(), what));
    }
    throw tokenFailure(response, what);
  }

  /** POSTs a form to the token endpoint as faxbridge's app; the answer as it came. */
  HttpResponse<String> postToken(Map<String, String> form, String what) {
    return api.sendOnce(tokenRequest(form), what);
  }

  private HttpRequest tokenRequest(Map<String, String> form) {
    settings.requireApp();
    String body =
        form.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (settings.clientId() + ":" + settings.clientSecret())
                    .getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(settings.serverUrl().resolve("/restapi/oauth/token"))
        .timeout(settings.requestTimeout())
        .header("Authorization", "Basic " + basic)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private ProviderException tokenFailure(HttpResponse<String> response, String what) {
    PlatformError error = PlatformError.parse(api.json(), response.body());
    int status = response.statusCode();
    if (status == 429) {
      return new ProviderException.RateLimited(
          "RingCentral rate-limited the " + what,
          ApiRequests.retryAfter(response.headers(), api.rateLimits().defaultPenalty()));
    }
    if (status >= 500) {
      return new ProviderException.Unavailable(
          "RingCentral's token endpoint failed with HTTP " + status + " during " + what);
    }
    if (error.isClientProblem()) {
      return new ProviderException.Misconfigured(
          "RingCentral refused faxbridge's app during "
              + what
              + ": "
              + error.describe()
              + ". Check faxbridge.ringcentral.client-id, client-secret and server-url, and that"
              + " the app is enabled for this grant type");
    }
    return new ProviderException.AuthorizationRevoked(
        "RingCentral refused the " + what + ": " + error.describe(), error.code());
  }
}
