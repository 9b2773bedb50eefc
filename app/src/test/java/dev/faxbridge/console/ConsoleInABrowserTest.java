package dev.faxbridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.connection.ConnectionStatus;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.TestBed;
import dev.faxbridge.emulator.Fault;
import dev.faxbridge.emulator.FaultRule;
import dev.faxbridge.emulator.FaxMessage;
import dev.faxbridge.emulator.RingCentralEmulator;
import dev.faxbridge.fax.FaxLedger;
import dev.faxbridge.fax.FaxState;
import dev.faxbridge.sync.SyncConnection;
import dev.faxbridge.sync.SyncReport;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.FaxbridgeInstance;
import dev.faxbridge.testing.HeadlessChromium;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An operator in a real browser (Debian's Chromium, headless), at a phone's and a desktop's width:
 * signs in, finds the clinic that needs re-authorization first on the clinics page and through the
 * search box, creates a connect link for it and follows it through RingCentral's (the emulator's)
 * sign-in until the connection is ACTIVE again, retries a dead letter of another clinic, reveals a
 * fax's phone numbers (audited), reads the plain-words verdict on a pasted credential, and sees the
 * charts drawn. With {@code -Dfaxbridge.screenshots=true} it also writes the screenshots of {@code
 * docs/console.md} into {@code docs/images/}.
 */
class ConsoleInABrowserTest {

  enum Width {
    PHONE(375, 812),
    DESKTOP(1280, 900);

    final Dimension size;

    Width(int width, int height) {
      this.size = new Dimension(width, height);
    }

    String suffix() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final Path IMAGES = Path.of("..", "docs", "images");
  private static final boolean SCREENSHOTS = Boolean.getBoolean("faxbridge.screenshots");
  private static final String OPERATOR = "olivia";
  private static final String PASSWORD = "a-long-operator-password";

  private static RingCentralEmulator emulator;
  private static TestBed bed;
  private static FaxbridgeInstance faxbridge;
  private static WebDriver browser;

  @BeforeAll
  static void start() throws IOException {
    emulator = RingCentralEmulator.builder().start();
    bed = TestBed.create(emulator, Files.createTempDirectory("console-browser"));
    Map<String, Object> properties = bed.properties();
    properties.put("faxbridge.sync.max-attempts", "2");
    properties.put("faxbridge.sync.retry-base", "10ms");
    properties.put("faxbridge.sync.retry-max", "10ms");
    properties.put("faxbridge.ringcentral.rate-limits.call-attempts", "1");
    faxbridge = FaxbridgeInstance.start(properties, emulator.clock());
    HttpResponse<String> operator =
        faxbridge.api(
            "POST",
            "/api/operators",
            "{\"username\":\"" + OPERATOR + "\",\"password\":\"" + PASSWORD + "\"}");
    assertThat(operator.statusCode()).as(operator.body()).isEqualTo(201);
    browser = HeadlessChromium.start();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    faxbridge.close();
    emulator.close();
  }

  @BeforeEach
  void freshBrowser() {
    browser.manage().deleteAllCookies();
  }

  @ParameterizedTest
  @EnumSource(Width.class)
  void anOperatorBringsBackAClinicThatNeedsReauthorizationThroughAConnectLink(Width width) {
    Clinic hillcrest =
        brokenClinic("hillcrest-" + width.suffix(), "Hillcrest Cardiology " + width.suffix());
    deadLetterClinic("riverside-" + width.suffix(), "Riverside Family Practice " + width.suffix());
    browser.manage().window().setSize(width.size);

    signIn(width);
    waitFor(By.cssSelector("#clinic-list"));
    WebElement first = browser.findElements(By.cssSelector("#clinic-list li.clinic")).get(0);
    assertThat(first.findElement(By.cssSelector(".badge")).getText())
        .as("what needs action first")
        .isEqualTo("Needs re-authorization");
    screenshot("console-clinics-" + width.suffix() + ".png");

    WebElement search = browser.findElement(By.id("q"));
    search.sendKeys("hillcrest-" + width.suffix());
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(
            driver ->
                driver.findElements(By.cssSelector("#clinic-list li.clinic")).size() == 1
                    && driver
                        .findElement(By.cssSelector("#clinic-list li.clinic"))
                        .getAttribute("data-slug")
                        .equals("hillcrest-" + width.suffix()));
    WebElement card = browser.findElement(By.cssSelector("#clinic-list li.clinic"));
    assertThat(card.findElement(By.cssSelector(".badge")).getText())
        .isEqualTo("Needs re-authorization");
    assertThat(card.findElement(By.cssSelector(".reason")).getText())
        .contains("RingCentral no longer knows the clinic's credential")
        .contains("Since ");

    card.findElement(By.cssSelector("button.resend")).click();
    String link = waitFor(By.id("link-url")).getAttribute("value");
    assertThat(link).startsWith(bed.properties().get("faxbridge.connect.public-url") + "/connect/");
    assertThat(browser.findElement(By.id("email-link")).getAttribute("href")).startsWith("mailto:");
    screenshot("console-link-" + width.suffix() + ".png");

    browser.get(link);
    waitFor(By.cssSelector("#sign-in button")).click();
    waitFor(By.id("signin"));
    browser.findElement(By.id("account")).sendKeys(hillcrest.account().id());
    browser.findElement(By.id("extension")).sendKeys("101");
    browser.findElement(By.id("password")).sendKeys("password");
    browser.findElement(By.id("signin")).click();
    waitFor(By.id("authorize")).click();
    waitFor(By.cssSelector("h1.ok"));

    assertThat(connectionOf("hillcrest-" + width.suffix()).status())
        .isEqualTo(ConnectionStatus.ACTIVE);
    browser.get(faxbridge.baseUrl() + "/console/clinics?q=hillcrest-" + width.suffix());
    assertThat(waitFor(By.cssSelector("#clinic-list li.clinic .badge")).getText())
        .isEqualTo("Healthy");
  }

  @ParameterizedTest
  @EnumSource(Width.class)
  void anOperatorRetriesADeadLetterAndRevealsAFaxsPhoneNumbers(Width width) {
    String slug = "willow-" + width.suffix();
    UUID deadLetter = deadLetterClinic(slug, "Willow Clinic " + width.suffix());
    browser.manage().window().setSize(width.size);
    signIn(width);

    browser.get(faxbridge.baseUrl() + "/console/clinics/" + slug);
    waitFor(By.id("dead-letter-table"));
    screenshot("console-clinic-" + width.suffix() + ".png");
    WebElement row =
        browser.findElement(By.cssSelector("#fax-table tr[data-fax='" + deadLetter + "']"));
    assertThat(row.getText()).doesNotContain("6505550");
    row.findElement(By.cssSelector("button.reveal")).click();
    WebElement revealed =
        waitFor(By.cssSelector("#fax-table tr[data-fax='" + deadLetter + "'] .revealed"));
    assertThat(revealed.getText()).contains("+16505550100").contains("+16505550199");
    screenshotAt("dead-letters", "console-clinic-faxes-" + width.suffix() + ".png");
    assertThat(faxbridge.bean(AuditTrail.class).forTenant(tenantOf(slug)))
        .anySatisfy(
            event -> {
              assertThat(event.kind()).isEqualTo(AuditKind.PHI_REVEALED);
              assertThat(event.actor()).isEqualTo(OPERATOR);
              assertThat(event.faxId()).isEqualTo(deadLetter);
            });

    browser
        .findElement(By.cssSelector("#dead-letter-table tr[data-fax='" + deadLetter + "'] .retry"))
        .click();

    assertThat(waitFor(By.id("done")).getText()).contains("will be tried again");
    assertThat(faxbridge.bean(FaxLedger.class).find(deadLetter).orElseThrow().state())
        .isEqualTo(FaxState.DISCOVERED);
    assertThat(browser.findElements(By.id("dead-letter-table"))).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Width.class)
  void anOperatorReadsWhyAPastedCredentialIsRefusedAndSeesTheChartsDrawn(Width width) {
    deadLetterClinic("aspen-" + width.suffix(), "Aspen Clinic " + width.suffix());
    browser.manage().window().setSize(width.size);
    signIn(width);

    browser.get(faxbridge.baseUrl() + "/console/onboarding?clinic=aspen-" + width.suffix());
    waitFor(By.id("jwt")).sendKeys("this is not a credential");
    browser.findElement(By.cssSelector("#paste-jwt button[type=submit]")).click();
    assertThat(waitFor(By.cssSelector("#jwt-result h3")).getText())
        .isEqualTo("That is not a JWT credential");
    screenshot("console-onboarding-" + width.suffix() + ".png");

    browser.get(faxbridge.baseUrl() + "/console/charts");
    waitFor(By.cssSelector("#faxes-chart[data-drawn='true'] canvas"));
    waitFor(By.cssSelector("#latency-chart[data-drawn='true'] canvas"));
    assertThat(browser.findElement(By.cssSelector("#faxes-chart .u-legend")).getText())
        .contains("aspen-" + width.suffix());
    assertThat(browser.findElements(By.cssSelector(".lanes meter"))).isNotEmpty();
    screenshot("console-charts-" + width.suffix() + ".png");

    browser.get(faxbridge.baseUrl() + "/console/audit?clinic=aspen-" + width.suffix());
    assertThat(waitFor(By.id("audit-table")).getText()).contains("FAX_ABANDONED");
    screenshot("console-audit-" + width.suffix() + ".png");
  }

  /** A clinic connected by JWT whose credential was revoked and whose sessions were ended. */
  private Clinic brokenClinic(String slug, String name) {
    String tenant = createTenant(slug, name);
    Clinic clinic = bed.clinic(name);
    ConnectionId connection = TestBed.connectJwt(faxbridge, tenant, clinic.jwt());
    assertThat(sync(connection).outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
    emulator.revokeJwtCredential(clinic.jwt());
    emulator.endSessions(clinic.account().ownerExtensionId());
    assertThat(sync(connection).outcome()).isEqualTo(SyncReport.Outcome.UNAUTHORIZED);
    return clinic;
  }

  /** A clinic with three delivered faxes and one that failed twice: a dead letter; its id. */
  private UUID deadLetterClinic(String slug, String name) {
    String tenant = createTenant(slug, name);
    Clinic clinic = bed.clinic(name);
    for (int i = 0; i < 3; i++) {
      clinic.receiveFax(i % 2, 1);
    }
    FaxMessage stuck = clinic.receiveFax(1, 2);
    emulator.injectFault(FaultRule.once("GET", stuck.contentPath(), Fault.status(500)).always());
    ConnectionId connection = TestBed.connectJwt(faxbridge, tenant, clinic.jwt());
    assertThat(sync(connection).delivered()).isEqualTo(3);
    emulator.clock().advance(Duration.ofSeconds(1));
    assertThat(sync(connection).failed()).isEqualTo(1);
    emulator.clearFaults();
    List<UUID> dead =
        faxbridge.bean(FaxLedger.class).abandoned(connectionOf(slug).tenantId()).stream()
            .map(fax -> fax.id())
            .toList();
    assertThat(dead).hasSize(1);
    return dead.get(0);
  }

  private static String createTenant(String slug, String name) {
    HttpResponse<String> created =
        faxbridge.api(
            "POST", "/api/tenants", "{\"slug\":\"" + slug + "\",\"name\":\"" + name + "\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return TestBed.json(created).get("id").asString();
  }

  private static SyncReport sync(ConnectionId connection) {
    return faxbridge.bean(SyncConnection.class).run(connection);
  }

  private static dev.faxbridge.connection.ProviderConnection connectionOf(String slug) {
    UUID tenant = tenantOf(slug);
    return faxbridge.bean(Connections.class).all().stream()
        .filter(c -> c.tenantId().value().equals(tenant))
        .findFirst()
        .orElseThrow();
  }

  private static UUID tenantOf(String slug) {
    return faxbridge
        .bean(dev.faxbridge.tenant.Tenants.class)
        .findBySlug(slug)
        .orElseThrow()
        .id()
        .value();
  }

  private static void signIn(Width width) {
    browser.get(faxbridge.baseUrl() + "/console/clinics");
    waitFor(By.id("username")).sendKeys(OPERATOR);
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    screenshot("console-login-" + width.suffix() + ".png");
    browser.findElement(By.id("sign-in")).click();
    waitFor(By.cssSelector("h1"));
  }

  private static WebElement waitFor(By element) {
    return new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(ExpectedConditions.visibilityOfElementLocated(element));
  }

  /** Writes the viewport to {@code docs/images/name}, only when screenshots were asked for. */
  private static void screenshot(String name) {
    if (SCREENSHOTS) {
      ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0);");
      write(name);
    }
  }

  /** The same, scrolled to the element with id {@code id}. */
  private static void screenshotAt(String id, String name) {
    if (SCREENSHOTS) {
      ((JavascriptExecutor) browser)
          .executeScript("document.getElementById(arguments[0]).scrollIntoView();", id);
      write(name);
    }
  }

  private static void write(String name) {
    byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    try {
      Files.createDirectories(IMAGES);
      Files.write(IMAGES.resolve(name), png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
