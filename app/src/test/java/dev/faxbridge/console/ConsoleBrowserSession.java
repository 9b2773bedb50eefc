package dev.faxbridge.console;

import dev.faxbridge.testing.TestHttp;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a browser does with the console, over plain HTTP: keeps its cookies, does not follow
 * redirects (so a test sees them), and reads the CSRF token from a page's form.
 */
public final class ConsoleBrowserSession {

  private static final Pattern CSRF =
      Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

  private final URI base;
  private final HttpClient http;

  public ConsoleBrowserSession(URI base) {
    this.base = base;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Signs in through the login form; the answer to the form's post. */
  public HttpResponse<String> signIn(String username, String password) {
    String csrf = csrfOf(get("/console/login").body());
    return post(
        "/console/login", Map.of("username", username, "password", password, "_csrf", csrf));
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  /** Posts a form as given: without {@code _csrf} in {@code fields}, without a token. */
  public HttpResponse<String> post(String path, Map<String, String> fields) {
    String body =
        fields.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** The CSRF token a page's forms carry. */
  public static String csrfOf(String page) {
    Matcher matcher = CSRF.matcher(page);
    if (!matcher.find()) {
      throw new AssertionError("No CSRF token on the page: " + page);
    }
    return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    return TestHttp.send(http, request.build());
  }
}
