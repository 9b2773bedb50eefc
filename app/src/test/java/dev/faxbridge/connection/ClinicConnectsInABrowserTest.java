package dev.faxbridge.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.emulator.RingCentralEmulator;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.FaxbridgeInstance;
import dev.faxbridge.testing.HeadlessChromium;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A clinic admin in a real browser (Debian's Chromium, headless), at a phone's and a desktop's
 * width: pastes a valid JWT credential and sees success, pastes one made for another app and reads
 * why, signs in through RingCentral's (the emulator's) login and comes back connected. The
 * screenshots of {@code docs/for-clinics.md} come from here; the client id on them is replaced by a
 * fixed sample so they only change when the pages do.
 */
class ClinicConnectsInABrowserTest {

  enum Width {
    PHONE(390, 844),
    DESKTOP(1280, 900);

    final Dimension size;

    Width(int width, int height) {
      this.size = new Dimension(width, height);
    }
  }

  private static final Path IMAGES = Path.of("..", "docs", "images");
  private static final String SAMPLE_CLIENT_ID = "FaxbridgeClientId01";

  private static RingCentralEmulator emulator;
  private static Path data;
  private static TestBed bed;
  private static FaxbridgeInstance faxbridge;
  private static String tenant;
  private static WebDriver browser;

  @BeforeAll
  static void start() throws IOException {
    emulator = RingCentralEmulator.builder().start();
    data = Files.createTempDirectory("clinic-browser");
    bed = TestBed.create(emulator, data);
    faxbridge = bed.start();
    HttpResponse<String> created =
        faxbridge.api(
            "POST",
            "/api/tenants",
            "{\"slug\":\"riverside\",\"name\":\"Riverside Family Practice\"}");
    tenant = TestBed.json(created).get("id").asString();
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
  void aClinicAdminPastesAValidCredentialAndSeesSuccess(Width width) {
    Clinic clinic = bed.clinic("Riverside " + width);
    clinic.receiveFax(0, 1);
    clinic.receiveFax(1, 1);
    open(newLink(), width);
    assertThat(text("#jwt")).contains("Create a JWT credential and paste it here");
    assertThat(browser.findElement(By.id("create-credential")).getAttribute("href"))
        .endsWith("client_id=" + bed.app().clientId());
    screenshot(width == Width.PHONE, "connect-phone.png");
    ((JavascriptExecutor) browser)
        .executeScript("document.getElementById('jwt').scrollIntoView();");
    screenshot(width == Width.PHONE, "connect-jwt-phone.png");

    paste(clinic.jwt());

    assertThat(text("h1")).isEqualTo("All set: Riverside Family Practice is connected");
    assertThat(text("#faxes-found")).contains("faxbridge found 2 faxes");
    screenshot(width == Width.PHONE, "connect-success-phone.png");
  }

  @ParameterizedTest
  @EnumSource(Width.class)
  void aCredentialMadeForAnotherAppIsRefusedWithThePreciseReason(Width width) {
    Clinic clinic = bed.clinic("Lakeview " + width);
    String otherApp = emulator.createApp("someone else's app").clientId();
    open(newLink(), width);

    paste(
        emulator.issueJwtCredential(
            clinic.account().id(), clinic.account().ownerExtensionId(), otherApp));

    assertThat(text("#problem h2")).isEqualTo("This credential was made for another app");
    assertThat(text("#problem")).contains("Only specific apps of my choice");
    assertThat(browser.findElement(By.id("jwt-credential")).getAttribute("value")).isEmpty();
    screenshot(width == Width.DESKTOP, "connect-refused-desktop.png");
  }

  @ParameterizedTest
  @EnumSource(Width.class)
  void aClinicAdminSignsInThroughRingCentralAndComesBackConnected(Width width) {
    Clinic clinic = bed.clinic("Hillcrest " + width);
    open(newLink(), width);

    browser.findElement(By.cssSelector("#sign-in button")).click();
    waitFor(By.id("signin"));
    browser.findElement(By.id("account")).sendKeys(clinic.account().id());
    browser.findElement(By.id("extension")).sendKeys("101");
    browser.findElement(By.id("password")).sendKeys("password");
    browser.findElement(By.id("signin")).click();
    waitFor(By.id("authorize")).click();

    waitFor(By.cssSelector("h1.ok"));
    assertThat(text("h1")).isEqualTo("All set: Riverside Family Practice is connected");
  }

  private static URI newLink() {
    HttpResponse<String> created =
        faxbridge.api("POST", "/api/tenants/" + tenant + "/connect-links", "{}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return URI.create(TestBed.json(created).get("url").asString());
  }

  private static void open(URI link, Width width) {
    browser.manage().window().setSize(width.size);
    browser.get(link.toString());
    waitFor(By.tagName("h1"));
  }

  private static void paste(String jwt) {
    browser.findElement(By.id("jwt-credential")).sendKeys(jwt);
    browser.findElement(By.id("connect-jwt")).click();
    waitFor(By.cssSelector("h1, #problem"));
  }

  private static org.openqa.selenium.WebElement waitFor(By element) {
    return new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(ExpectedConditions.visibilityOfElementLocated(element));
  }

  private static String text(String css) {
    return browser.findElement(By.cssSelector(css)).getText();
  }

  /**
   * Writes the page as scrolled to {@code docs/images/name} when {@code wanted}, with the random
   * client id replaced by a sample; an unchanged picture leaves the file alone.
   */
  private static void screenshot(boolean wanted, String name) {
    if (!wanted) {
      return;
    }
    ((JavascriptExecutor) browser)
        .executeScript(
            "const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);"
                + "while (walk.nextNode()) {"
                + " walk.currentNode.nodeValue ="
                + " walk.currentNode.nodeValue.split(arguments[0]).join(arguments[1]); }",
            bed.app().clientId(),
            SAMPLE_CLIENT_ID);
    byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    try {
      Files.createDirectories(IMAGES);
      Path file = IMAGES.resolve(name);
      if (!Files.exists(file) || !Arrays.equals(Files.readAllBytes(file), png)) {
        Files.write(file, png);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
