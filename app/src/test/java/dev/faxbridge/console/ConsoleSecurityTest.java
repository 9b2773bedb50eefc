package dev.faxbridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.connection.TestBed;
import dev.faxbridge.emulator.RingCentralEmulator;
import dev.faxbridge.tenant.Tenants;
import dev.faxbridge.testing.FaxbridgeInstance;
import dev.faxbridge.testing.RawHttp;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console refuses anyone not signed in (to the login page), refuses a form posted without the
 * session's CSRF token (403, nothing changed), and leaves the API stateless: a console session is
 * no credential there.
 */
class ConsoleSecurityTest {

  static final String OPERATOR = "olivia";
  static final String PASSWORD = "a-long-operator-password";

  private static RingCentralEmulator emulator;
  private static FaxbridgeInstance faxbridge;
  @TempDir static Path data;

  @BeforeAll
  static void start() {
    emulator = RingCentralEmulator.builder().start();
    faxbridge = TestBed.create(emulator, data).start();
    HttpResponse<String> created =
        faxbridge.api(
            "POST",
            "/api/operators",
            "{\"username\":\"" + OPERATOR + "\",\"password\":\"" + PASSWORD + "\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    TestBed.createTenant(faxbridge, "riverside");
  }

  @AfterAll
  static void stop() {
    faxbridge.close();
    emulator.close();
  }

  @Test
  void everyConsolePageAndAssetSendsAnAnonymousVisitorToTheLoginPage() {
    for (String path :
        List.of(
            "/console",
            "/console/clinics",
            "/console/clinics/riverside",
            "/console/onboarding",
            "/console/charts",
            "/console/audit",
            "/console/assets/console.css",
            "/console/assets/lib/htmx.org/2.0.4/dist/htmx.min.js")) {
      RawHttp.Answer answer = RawHttp.send(faxbridge.baseUrl(), "GET", path, null, null);
      assertThat(answer.status()).as(path).isEqualTo(302);
      assertThat(answer.location()).as(path).endsWith("/console/login");
    }
    assertThat(RawHttp.send(faxbridge.baseUrl(), "GET", "/console/login", null, null).status())
        .isEqualTo(200);
  }

  @Test
  void aWrongPasswordIsRefusedAndTheRightOneOpensTheConsole() {
    ConsoleBrowserSession wrong = new ConsoleBrowserSession(faxbridge.baseUrl());
    HttpResponse<String> refused = wrong.signIn(OPERATOR, "not-the-password-at-all");
    assertThat(refused.statusCode()).isEqualTo(302);
    assertThat(refused.headers().firstValue("Location").orElseThrow())
        .endsWith("/console/login?error");
    assertThat(wrong.get("/console/clinics").statusCode()).isEqualTo(302);

    ConsoleBrowserSession browser = new ConsoleBrowserSession(faxbridge.baseUrl());
    HttpResponse<String> signedIn = browser.signIn(OPERATOR, PASSWORD);
    assertThat(signedIn.statusCode()).isEqualTo(302);
    assertThat(signedIn.headers().firstValue("Location").orElseThrow())
        .endsWith("/console/clinics");
    HttpResponse<String> clinics = browser.get("/console/clinics");
    assertThat(clinics.statusCode()).isEqualTo(200);
    assertThat(clinics.body()).contains("riverside clinic");
    assertThat(clinics.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'");
  }

  @Test
  void aFormPostedWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
    ConsoleBrowserSession browser = new ConsoleBrowserSession(faxbridge.baseUrl());
    browser.signIn(OPERATOR, PASSWORD);
    Map<String, String> clinic = Map.of("slug", "forged", "name", "Forged Clinic");

    HttpResponse<String> forged = browser.post("/console/onboarding/clinics", clinic);

    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(faxbridge.bean(Tenants.class).findBySlug("forged")).isEmpty();

    String token = ConsoleBrowserSession.csrfOf(browser.get("/console/onboarding").body());
    HttpResponse<String> genuine =
        browser.post(
            "/console/onboarding/clinics",
            Map.of("slug", "genuine", "name", "Genuine Clinic", "_csrf", token));
    assertThat(genuine.statusCode()).isEqualTo(302);
    assertThat(faxbridge.bean(Tenants.class).findBySlug("genuine")).isPresent();
  }

  @Test
  void anAnonymousPostWithAValidTokenOfItsOwnSessionIsStillSentToTheLoginPage() {
    ConsoleBrowserSession anonymous = new ConsoleBrowserSession(faxbridge.baseUrl());
    String token = ConsoleBrowserSession.csrfOf(anonymous.get("/console/login").body());

    HttpResponse<String> answer =
        anonymous.post(
            "/console/onboarding/clinics",
            Map.of("slug", "anonymous", "name", "Anonymous Clinic", "_csrf", token));

    assertThat(answer.statusCode()).isEqualTo(302);
    assertThat(answer.headers().firstValue("Location").orElseThrow()).endsWith("/console/login");
    assertThat(faxbridge.bean(Tenants.class).findBySlug("anonymous")).isEmpty();
  }

  @Test
  void signingOutEndsTheSessionAndTheSessionIsNoCredentialForTheApi() {
    ConsoleBrowserSession browser = new ConsoleBrowserSession(faxbridge.baseUrl());
    browser.signIn(OPERATOR, PASSWORD);
    HttpResponse<String> page = browser.get("/console/clinics");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(browser.get("/api/tenants").statusCode()).isEqualTo(401);

    HttpResponse<String> out =
        browser.post("/console/logout", Map.of("_csrf", ConsoleBrowserSession.csrfOf(page.body())));

    assertThat(out.headers().firstValue("Location").orElseThrow())
        .endsWith("/console/login?signed-out");
    assertThat(browser.get("/console/clinics").statusCode()).isEqualTo(302);
  }
}
