package dev.faxbridge.emulator;

import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /restapi/oauth/token} and {@code POST /restapi/oauth/revoke}: client authentication
 * (HTTP Basic, or {@code client_id} in the body for apps without a secret), the JWT bearer and
 * refresh grants (the authorization-code grant is delegated to {@link AuthorizationCodes}), and RFC
 * 7009 revocation that ends the whole session.
 */
final class OAuthEndpoints {

  static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

  private final Clock clock;
  private final Directory directory;
  private final JwtCredentials credentials;
  private final OAuthSessions sessions;
  private final AuthorizationCodes codes;

  OAuthEndpoints(
      Clock clock,
      Directory directory,
      JwtCredentials credentials,
      OAuthSessions sessions,
      AuthorizationCodes codes) {
    this.clock = clock;
    this.directory = directory;
    this.credentials = credentials;
    this.sessions = sessions;
    this.codes = codes;
  }

  List<Route> routes() {
    return List.of(
        new Route("POST", "/restapi/oauth/token", RateLimitGroup.AUTH, false, this::token),
        new Route("POST", "/restapi/oauth/revoke", RateLimitGroup.AUTH, false, this::revoke));
  }

  void token(HttpCall call) {
    Map<String, String> form = call.form();
    Directory.AppRegistration registration = authenticateClient(call, form);
    ClientApp app = registration.app();
    String grantType = form.get("grant_type");
    TokenGrant grant;
    if (JWT_BEARER.equals(grantType)) {
      requireGrant(registration, AppSpec.Grant.JWT_BEARER);
      grant = jwtBearer(registration, form);
    } else if ("refresh_token".equals(grantType)) {
      requireGrant(registration, AppSpec.Grant.REFRESH_TOKEN);
      grant = sessions.refresh(app.clientId(), form.get("refresh_token"));
    } else if ("authorization_code".equals(grantType)) {
      requireGrant(registration, AppSpec.Grant.AUTHORIZATION_CODE);
      AuthorizationCodes.Redeemed redeemed =
          codes.redeem(
              app.clientId(),
              form.get("code"),
              form.get("redirect_uri"),
              form.get("code_verifier"));
      requireEnabledUser(redeemed.accountId(), redeemed.extensionId());
      grant =
          sessions.open(
              registration.spec(),
              app.clientId(),
              redeemed.accountId(),
              redeemed.extensionId(),
              ttl(form, "access_token_ttl", 600, 3600),
              ttl(form, "refresh_token_ttl", 1, 604800));
    } else {
      throw PlatformError.oauth(400, "invalid_request", "OAU-250", "Unsupported grant type");
    }
    call.header("Cache-Control", "no-store");
    call.respond(200, grant.toJson());
  }

  void revoke(HttpCall call) {
    Map<String, String> form = call.form();
    authenticateClient(call, form);
    String token = form.containsKey("token") ? form.get("token") : call.param("token");
    if (token == null || token.isEmpty()) {
      throw PlatformError.oauth(
          400, "invalid_request", "OAU-101", "Parameter [token] is not specified");
    }
    sessions.revoke(token);
    call.respondEmpty(200);
  }

  /**
   * The key the Auth throttling group counts under: the app plus the user the grant is for (the
   * subject of a JWT, the owner of a refresh or access token, the user of a code), or the app alone
   * when that is unknown. Null (not throttled) for the authorize page, where no user is known yet
   * and one shared budget per app would make many clinics connecting at once fail.
   */
  String rateLimitSubject(HttpCall call) {
    if (call.path().equals("/restapi/oauth/authorize")) {
      return null;
    }
    Map<String, String> form = call.method().equals("POST") ? call.form() : Map.of();
    String clientId = form.getOrDefault("client_id", call.param("client_id"));
    String basic = call.header("Authorization");
    if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
      String[] pair = decodeBasic(basic);
      clientId = pair == null ? null : pair[0];
    }
    if (clientId == null) {
      return null;
    }
    String subject = "";
    String assertion = form.get("assertion");
    if (assertion != null) {
      try {
        subject = SignedJWT.parse(assertion).getJWTClaimsSet().getSubject();
      } catch (ParseException e) {
        subject = "";
      }
    } else if (form.get("refresh_token") != null) {
      subject = sessions.ownerOf(form.get("refresh_token")).orElse("");
    } else if (form.get("token") != null) {
      subject = sessions.ownerOf(form.get("token")).orElse("");
    } else if (form.get("code") != null) {
      subject = codes.ownerOf(form.get("code")).orElse("");
    }
    return clientId + "|" + subject;
  }

  /** An app not enabled for a grant gets OAU-251, as on the platform (SO-251). */
  static void requireGrant(Directory.AppRegistration app, AppSpec.Grant grant) {
    if (!app.allows(grant)) {
      throw PlatformError.oauth(
          400, "unauthorized_client", "OAU-251", "Unauthorized for this grant type");
    }
  }

  private TokenGrant jwtBearer(Directory.AppRegistration registration, Map<String, String> form) {
    ClientApp app = registration.app();
    String assertion = form.get("assertion");
    if (assertion == null || assertion.isEmpty()) {
      throw PlatformError.oauth(
          400, "invalid_request", "OAU-101", "Parameter [assertion] is not specified");
    }
    JwtCredentials.Credential credential =
        credentials.verify(assertion, app.clientId(), clock.instant());
    requireEnabledUser(credential.accountId(), credential.extensionId());
    return sessions.open(
        registration.spec(),
        app.clientId(),
        credential.accountId(),
        credential.extensionId(),
        ttl(form, "access_token_ttl", 600, 3600),
        ttl(form, "refresh_token_ttl", 1, 604800));
  }

  private void requireEnabledUser(String accountId, String extensionId) {
    boolean enabled =
        directory.extension(accountId, extensionId).map(Extension::enabled).orElse(false);
    if (!enabled) {
      throw PlatformError.oauth(
          401,
          "invalid_grant",
          "OAU-141",
          "Login to the extension is not allowed in its current state");
    }
  }

  private Directory.AppRegistration authenticateClient(HttpCall call, Map<String, String> form) {
    String header = call.header("Authorization");
    if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      String[] pair = decodeBasic(header);
      Directory.AppRegistration app = pair == null ? null : directory.app(pair[0]).orElse(null);
      if (app == null || !app.app().clientSecret().equals(pair[1])) {
        throw PlatformError.oauth(401, "invalid_client", "OAU-146", "Invalid client credentials");
      }
      return app;
    }
    String clientId = form.get("client_id");
    if (clientId == null || clientId.isEmpty()) {
      throw PlatformError.oauth(
          401, "invalid_client", "OAU-123", "Client authentication is required");
    }
    return directory
        .app(clientId)
        .orElseThrow(() -> PlatformError.oauth(400, "invalid_client", "OAU-153", "Invalid client"));
  }

  private static String[] decodeBasic(String header) {
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0
          ? null
          : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** A requested TTL in seconds, clamped to the documented range; null when not requested. */
  private static Duration ttl(Map<String, String> form, String name, long min, long max) {
    String value = form.get(name);
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      long seconds = Long.parseLong(value);
      return Duration.ofSeconds(Math.max(min, Math.min(max, seconds)));
    } catch (NumberFormatException e) {
      throw PlatformError.oauth(
          400, "invalid_request", "OAU-101", "Parameter [" + name + "] value is invalid");
    }
  }
}
