package dev.faxbridge.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.platform.RandomTokens;
import dev.faxbridge.testing.Emulators;
import dev.faxbridge.testing.FaxbridgeInstance;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Connect links: a page in plain language that hands the clinic admin to RingCentral's sign-in with
 * state and PKCE S256; single use, expiring, and deaf to forged state.
 */
class ConnectLinkTest {

  @RegisterExtension static final Emulators EMULATORS = Emulators.started();
  private final HttpClient browser =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private TestBed bed;
  private FaxbridgeInstance faxbridge;
  private String tenant;

  @BeforeEach
  void start() {
    bed = TestBed.create(EMULATORS);
    faxbridge = bed.start();
    tenant = TestBed.createTenant(faxbridge, "riverside");
  }

  @AfterEach
  void stop() {
    faxbridge.close();
  }

  @Test
  void theLinkPageExplainsWhatWillHappenOnAPhoneSizedPage() throws Exception {
    URI link = newLink();

    HttpResponse<String> page = get(link);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("riverside clinic")
        .contains("super admin")
        .contains("Continue to RingCentral")
        .contains("name=\"viewport\"")
        .contains("<title>Connect your RingCentral faxes</title>");
  }

  @Test
  void continuingSendsTheAdminToRingCentralWithStateAndPkceS256() throws Exception {
    URI link = newLink();

    HttpResponse<String> started = post(link);

    assertThat(started.statusCode()).isEqualTo(303);
    URI authorize = URI.create(started.headers().firstValue("Location").orElseThrow());
    assertThat(authorize.toString())
        .startsWith(EMULATORS.ringCentral().platformUrl() + "/restapi/oauth/authorize?");
    Map<String, String> query = query(authorize);
    assertThat(query)
        .containsEntry("response_type", "code")
        .containsEntry("client_id", bed.app().clientId())
        .containsEntry("redirect_uri", "http://127.0.0.1:" + bed.port() + "/connect/callback")
        .containsEntry("code_challenge_method", "S256");
    assertThat(query.get("state")).hasSizeGreaterThanOrEqualTo(43);
    assertThat(query.get("code_challenge")).hasSize(43);
  }

  @Test
  void aForgedStateIsRefused() throws Exception {
    newLink();

    HttpResponse<String> callback = get(callback("U0pDMTFDabc", RandomTokens.newToken()));

    assertThat(callback.statusCode()).isEqualTo(404);
    assertThat(callback.body())
        .contains("This link is not valid")
        .contains("name=\"viewport\"")
        .doesNotContain("<title>faxbridge</title>");
    assertThat(faxbridge.bean(Connections.class).all()).isEmpty();
  }

  @Test
  void aLinkCannotBeUsedTwice() throws Exception {
    URI link = newLink();
    String state = query(startedAt(link)).get("state");

    HttpResponse<String> first = get(callback("a-code-that-ringcentral-never-issued", state));
    HttpResponse<String> replayed = get(callback("a-code-that-ringcentral-never-issued", state));

    assertThat(first.statusCode()).isEqualTo(422);
    assertThat(replayed.statusCode()).isEqualTo(410);
    assertThat(replayed.body()).contains("already been used");
    assertThat(get(link).statusCode()).isEqualTo(410);
    assertThat(post(link).statusCode()).isEqualTo(410);
  }

  @Test
  void anExpiredLinkIsRefusedAndSoIsAStateStartedBeforeItExpired() throws Exception {
    URI link = newLink();
    String state = query(startedAt(link)).get("state");

    EMULATORS.ringCentral().clock().advance(Duration.ofHours(73));

    HttpResponse<String> page = get(link);
    assertThat(page.statusCode()).isEqualTo(410);
    assertThat(page.body()).contains("This link has expired");
    HttpResponse<String> callback = get(callback("some-code", state));
    assertThat(callback.statusCode()).isEqualTo(410);
    assertThat(callback.body()).contains("expired");
  }

  @Test
  void anUnknownLinkIsNotFound() throws Exception {
    HttpResponse<String> page =
        get(URI.create("http://127.0.0.1:" + bed.port() + "/connect/" + RandomTokens.newToken()));

    assertThat(page.statusCode()).isEqualTo(404);
  }

  private URI newLink() {
    HttpResponse<String> created =
        faxbridge.api("POST", "/api/tenants/" + tenant + "/connect-links", "{}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return URI.create(TestBed.json(created).get("url").asString());
  }

  private URI startedAt(URI link) throws Exception {
    HttpResponse<String> started = post(link);
    assertThat(started.statusCode()).isEqualTo(303);
    return URI.create(started.headers().firstValue("Location").orElseThrow());
  }

  private URI callback(String code, String state) {
    return URI.create(
        "http://127.0.0.1:" + bed.port() + "/connect/callback?code=" + code + "&state=" + state);
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(URI uri) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static Map<String, String> query(URI uri) {
    Map<String, String> query = new HashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      int equals = pair.indexOf('=');
      query.put(
          pair.substring(0, equals),
          URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
    }
    return query;
  }
}
