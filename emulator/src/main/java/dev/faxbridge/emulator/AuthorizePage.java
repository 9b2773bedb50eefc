package dev.faxbridge.emulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The authorization-code flow's browser side: {@code /restapi/oauth/authorize} validates the
 * request and redirects (302) to a minimal login page; the login (account id, extension number,
 * password) leads to a consent page; consenting redirects to {@code redirect_uri?code=..&state=..
 * &expires_in=60}, declining to {@code redirect_uri?error=access_denied&state=..}. Errors before
 * the redirect URI is trusted are answered in the OAuth body shape, never redirected.
 */
final class AuthorizePage {

  private static final Duration PENDING_LIFETIME = Duration.ofMinutes(10);

  private final Clock clock;
  private final Directory directory;
  private final AuthorizationCodes codes;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Pending> pending = new HashMap<>();

  AuthorizePage(Clock clock, Directory directory, AuthorizationCodes codes) {
    this.clock = clock;
    this.directory = directory;
    this.codes = codes;
  }

  private record Pending(
      ClientApp app,
      String redirectUri,
      String state,
      String challenge,
      String method,
      Instant expiresAt,
      Extension user) {

    Pending loggedIn(Extension user) {
      return new Pending(app, redirectUri, state, challenge, method, expiresAt, user);
    }
  }

  List<Route> routes() {
    return List.of(
        new Route("GET", "/restapi/oauth/authorize", RateLimitGroup.AUTH, false, this::authorize),
        new Route("POST", "/restapi/oauth/authorize", RateLimitGroup.AUTH, false, this::authorize),
        new Route("GET", "/emulator/login", RateLimitGroup.NONE, false, this::loginForm),
        new Route("POST", "/emulator/login", RateLimitGroup.NONE, false, this::login),
        new Route("POST", "/emulator/consent", RateLimitGroup.NONE, false, this::consent));
  }

  void authorize(HttpCall call) {
    Map<String, String> params = new HashMap<>();
    call.queryParameters().forEach((k, v) -> params.put(k, v.get(0)));
    if (call.method().equals("POST")) {
      params.putAll(call.form());
    }
    if (!"code".equals(params.get("response_type"))) {
      throw PlatformError.oauth(
          400, "unsupported_response_type", "OAU-103", "Unsupported response type");
    }
    Directory.AppRegistration registration =
        directory
            .app(params.get("client_id"))
            .orElseThrow(
                () -> PlatformError.oauth(400, "invalid_client", "OAU-153", "Invalid client"));
    ClientApp app = registration.app();
    OAuthEndpoints.requireGrant(registration, AppSpec.Grant.AUTHORIZATION_CODE);
    List<String> registered = registration.redirectUris();
    if (registered.isEmpty()) {
      throw PlatformError.oauth(403, "invalid_request", "OAU-113", "No redirect URI registered");
    }
    String redirectUri = params.get("redirect_uri");
    if (redirectUri == null && registered.size() == 1) {
      redirectUri = registered.get(0);
    }
    if (redirectUri == null || !registered.contains(redirectUri)) {
      throw PlatformError.oauth(403, "invalid_request", "OAU-109", "Redirect URIs do not match");
    }
    String method = params.get("code_challenge_method");
    if (method != null && !method.equals("S256") && !method.equals("plain")) {
      throw PlatformError.oauth(
          400, "invalid_request", "OAU-101", "Parameter [code_challenge_method] value is invalid");
    }
    String id = newId();
    synchronized (this) {
      pending.put(
          id,
          new Pending(
              app,
              redirectUri,
              params.get("state"),
              params.get("code_challenge"),
              method,
              clock.instant().plus(PENDING_LIFETIME),
              null));
    }
    call.redirect(call.baseUrl() + "/emulator/login?authorization=" + id);
  }

  void loginForm(HttpCall call) {
    Pending request = find(call.param("authorization"));
    call.respondHtml(200, loginHtml(call.param("authorization"), request, null));
  }

  void login(HttpCall call) {
    Map<String, String> form = call.form();
    String id = form.get("authorization");
    Pending request = find(id);
    Extension user =
        directory
            .login(form.get("account"), form.get("extension"), form.get("password"))
            .orElse(null);
    if (user == null) {
      call.respondHtml(200, loginHtml(id, request, "Invalid credentials."));
      return;
    }
    if (!user.enabled()) {
      call.respondHtml(200, loginHtml(id, request, "This user is disabled."));
      return;
    }
    synchronized (this) {
      pending.put(id, request.loggedIn(user));
    }
    String scope =
        directory.app(request.app().clientId()).map(r -> r.spec().scopeString()).orElse("");
    call.respondHtml(200, consentHtml(id, request.app(), user, scope));
  }

  void consent(HttpCall call) {
    Map<String, String> form = call.form();
    String id = form.get("authorization");
    Pending request = find(id);
    if (request.user() == null) {
      throw PlatformError.oauth(400, "invalid_request", "OAU-101", "Not logged in");
    }
    synchronized (this) {
      pending.remove(id);
    }
    StringBuilder target = new StringBuilder(request.redirectUri());
    target.append(request.redirectUri().contains("?") ? '&' : '?');
    if ("Authorize".equals(form.get("decision"))) {
      String code =
          codes.issue(
              request.app().clientId(),
              request.user().accountId(),
              request.user().id(),
              request.redirectUri(),
              request.challenge(),
              request.method());
      target.append("code=").append(encode(code));
      if (request.state() != null) {
        target.append("&state=").append(encode(request.state()));
      }
      target.append("&expires_in=").append(AuthorizationCodes.LIFETIME.toSeconds());
    } else {
      target.append("error=access_denied");
      if (request.state() != null) {
        target.append("&state=").append(encode(request.state()));
      }
    }
    call.redirect(target.toString());
  }

  private synchronized Pending find(String id) {
    Pending request = id == null ? null : pending.get(id);
    if (request == null || !clock.instant().isBefore(request.expiresAt())) {
      throw PlatformError.oauth(
          400, "invalid_request", "OAU-101", "Authorization request not found or expired");
    }
    return request;
  }

  private static String loginHtml(String id, Pending request, String error) {
    return page(
        "Sign in",
        "<p>Sign in to authorize <b>"
            + escape(request.app().name())
            + "</b>.</p>"
            + (error == null ? "" : "<p class=\"error\" id=\"error\">" + escape(error) + "</p>")
            + "<form method=\"post\" action=\"/emulator/login\">"
            + hidden("authorization", id)
            + "<label>Account id <input name=\"account\" id=\"account\"></label><br>"
            + "<label>Extension <input name=\"extension\" id=\"extension\"></label><br>"
            + "<label>Password <input name=\"password\" id=\"password\" type=\"password\"></label><br>"
            + "<button type=\"submit\" id=\"signin\">Sign in</button></form>");
  }

  private static String consentHtml(String id, ClientApp app, Extension user, String scope) {
    return page(
        "Authorize",
        "<p><b>"
            + escape(app.name())
            + "</b> asks to access the account of "
            + escape(user.name())
            + " (extension "
            + escape(user.extensionNumber())
            + "): "
            + escape(scope)
            + ".</p>"
            + "<form method=\"post\" action=\"/emulator/consent\">"
            + hidden("authorization", id)
            + "<button type=\"submit\" name=\"decision\" value=\"Authorize\" id=\"authorize\">"
            + "Authorize</button> "
            + "<button type=\"submit\" name=\"decision\" value=\"Cancel\" id=\"cancel\">Cancel</button>"
            + "</form>");
  }

  private static String page(String title, String body) {
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>"
        + title
        + " - RingCentral emulator</title></head><body><h1>"
        + title
        + "</h1>"
        + body
        + "</body></html>";
  }

  private static String hidden(String name, String value) {
    return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + escape(value) + "\">";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private String newId() {
    byte[] raw = new byte[18];
    random.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }
}
