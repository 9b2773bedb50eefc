package dev.faxbridge.provider.ringcentral;

import dev.faxbridge.provider.DownloadedDocument;
import dev.faxbridge.provider.ProviderException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * HTTP calls to the RingCentral platform, by what they do: {@link TokenEndpoint} (the app's token
 * grants), {@link ApiRequests} (REST calls within a rate-limit lane) and {@link ResumableDownload}
 * (a fax document, resumed and checked). Turns every answer into a value or a {@link
 * ProviderException}; knows nothing of connections or storage.
 */
class RingCentralClient {

  static final String JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

  private final TokenEndpoint tokens;
  private final ApiRequests api;
  private final ResumableDownload downloads;

  RingCentralClient(RingCentralSettings settings, RateLimitSettings rateLimits, HttpClient http) {
    this.api = new ApiRequests(settings, rateLimits, http);
    this.tokens = new TokenEndpoint(settings, api);
    this.downloads = new ResumableDownload(settings, api);
  }

  /** Exchanges a JWT credential for a token set. */
  TokenGrant exchangeJwt(String jwtCredential) {
    return tokens.exchangeJwt(null, jwtCredential);
  }

  /** Exchanges a JWT credential for a token set, paced by the user's Auth lane. */
  TokenGrant exchangeJwt(RateLimitBudget.Lane auth, String jwtCredential) {
    return tokens.exchangeJwt(auth, jwtCredential);
  }

  /**
   * Uses a refresh token, paced by the user's Auth lane; RingCentral rotates it, so the answer's
   * refresh token replaces it.
   */
  TokenGrant refresh(RateLimitBudget.Lane auth, String refreshToken) {
    return tokens.refresh(auth, refreshToken);
  }

  /** Redeems an authorization code of the PKCE flow. */
  TokenGrant exchangeCode(String code, String redirectUri, String codeVerifier) {
    return tokens.exchangeCode(code, redirectUri, codeVerifier);
  }

  /** POSTs a form to the token endpoint as faxbridge's app; the answer as it came. */
  HttpResponse<String> postToken(Map<String, String> form, String what) {
    return tokens.postToken(form, what);
  }

  /** GETs a platform API path outside any budget: onboarding, before a connection exists. */
  JsonNode get(String accessToken, String pathAndQuery, String what) {
    return api.get(accessToken, pathAndQuery, what);
  }

  /** GETs a platform API path within {@code lane} (null: not paced), with retries. */
  JsonNode get(RateLimitBudget.Lane lane, String accessToken, String pathAndQuery, String what) {
    return api.get(lane, accessToken, pathAndQuery, what);
  }

  /** A PUT with a JSON body, or a DELETE when {@code jsonBody} is null; not retried on 5xx. */
  void change(
      RateLimitBudget.Lane lane,
      String accessToken,
      String pathAndQuery,
      String jsonBody,
      String what) {
    api.change(lane, accessToken, pathAndQuery, jsonBody, what);
  }

  /** A JSON body sent with {@code method}; the JSON answer. Not retried on 5xx. */
  JsonNode send(
      RateLimitBudget.Lane lane,
      String accessToken,
      String method,
      String pathAndQuery,
      String jsonBody,
      String what) {
    return api.send(lane, accessToken, method, pathAndQuery, jsonBody, what);
  }

  /** Streams a fax document to {@code target}: {@link ResumableDownload}. */
  DownloadedDocument download(
      RateLimitBudget.Lane lane,
      String accessToken,
      URI uri,
      Path target,
      String expectedType,
      Long declaredSize,
      String what) {
    return downloads.fetch(lane, accessToken, uri, target, expectedType, declaredSize, what);
  }

  /** HTTP 401 on an API call: the access token is no longer accepted. */
  static final class TokenRejected extends ProviderException.Unavailable {
    TokenRejected(String message) {
      super(message);
    }
  }
}
