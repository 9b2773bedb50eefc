package dev.faxbridge.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A clinic admin's browser over plain HTTP, with cookies: opens a connect link and pastes a JWT
 * credential into its form, as the form does (with the page's CSRF token).
 */
final class ConnectPageBrowser {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final HttpClient http =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  HttpResponse<String> open(URI link) throws Exception {
    return http.send(
        HttpRequest.newBuilder(link).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private String lastCsrfToken;

  /**
   * Opens the link, then pastes the credential into the page's form; when the page has no form any
   * more, into the form of the page opened before (a tab left open).
   */
  HttpResponse<String> paste(URI link, String jwt) throws Exception {
    String csrf = csrfToken(open(link));
    if (csrf != null) {
      lastCsrfToken = csrf;
    }
    return post(link, jwt, lastCsrfToken);
  }

  /** The CSRF token in a page's form, or null when it has none. */
  static String csrfToken(HttpResponse<String> page) {
    Matcher csrf = CSRF.matcher(page.body());
    return csrf.find() ? csrf.group(1) : null;
  }

  /** Posts a credential to the link's form with the given CSRF token (none when null). */
  HttpResponse<String> post(URI link, String jwt, String csrf) throws Exception {
    String body =
        "jwt="
            + URLEncoder.encode(jwt, StandardCharsets.UTF_8)
            + (csrf == null ? "" : "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8));
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(link + "/jwt"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.body()).as("the answer repeats the credential").doesNotContain(jwt.strip());
    return answer;
  }
}
