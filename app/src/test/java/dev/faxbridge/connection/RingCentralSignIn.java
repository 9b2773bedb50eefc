package dev.faxbridge.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A clinic admin's browser, over plain HTTP: opens a connect link, continues to RingCentral (the
 * emulator's authorize endpoint, login and consent pages), and follows the redirect back to
 * faxbridge's callback.
 */
public final class RingCentralSignIn {

  private final HttpClient browser =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  /** Signs in as the given user and authorizes; returns faxbridge's outcome page. */
  public HttpResponse<String> authorize(URI connectLink, String accountId, String extensionNumber)
      throws Exception {
    HttpResponse<String> page = send(HttpRequest.newBuilder(connectLink).GET().build());
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    URI authorize = location(send(post(connectLink, Map.of())), 303);
    URI login = location(send(HttpRequest.newBuilder(authorize).GET().build()), 302);
    String authorization = ConnectLinkTest.query(login).get("authorization");
    URI loginForm = login.resolve("/emulator/login");
    HttpResponse<String> consent =
        send(
            post(
                loginForm,
                Map.of(
                    "authorization", authorization,
                    "account", accountId,
                    "extension", extensionNumber,
                    "password", "password")));
    assertThat(consent.statusCode()).as(consent.body()).isEqualTo(200);
    assertThat(consent.body()).contains("decision");
    URI callback =
        location(
            send(
                post(
                    login.resolve("/emulator/consent"),
                    Map.of("authorization", authorization, "decision", "Authorize"))),
            302);
    return send(HttpRequest.newBuilder(callback).GET().build());
  }

  private static HttpRequest post(URI uri, Map<String, String> form) {
    String body =
        new LinkedHashMap<>(form)
            .entrySet().stream()
                .map(
                    e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    return HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static URI location(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return browser.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
