package dev.faxbridge.provider.faxage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faxbridge.emulator.EmulatorClock;
import dev.faxbridge.emulator.Fault;
import dev.faxbridge.emulator.FaultRule;
import dev.faxbridge.emulator.InboundFaxSpec;
import dev.faxbridge.emulator.faxage.FaxageEmulator;
import dev.faxbridge.emulator.faxage.FaxageFax;
import dev.faxbridge.emulator.faxage.FaxageRequest;
import dev.faxbridge.emulator.faxage.ListLayout;
import dev.faxbridge.provider.DownloadedDocument;
import dev.faxbridge.provider.ProviderException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * faxbridge's Faxage client against the emulator over real HTTP: listings in either field order,
 * checked downloads, every documented error as the right failure, pacing and backoff per login, and
 * the acknowledgements. Pauses move a clock instead of sleeping, so pacing is asserted exactly.
 */
class FaxageClientTest {

  private static final ZoneId FAXAGE_ZONE = ZoneId.of("America/Denver");
  private static final Instant RECEIVED = Instant.parse("2026-11-27T17:03:22Z");

  private static FaxageEmulator faxage;
  private static int companies;

  @TempDir Path staging;

  private final EmulatorClock clock = new EmulatorClock(Clock.fixed(RECEIVED, ZoneOffset.UTC));
  private final List<Duration> pauses = new ArrayList<>();
  private FaxageCredentials login;

  @BeforeAll
  static void startEmulator() {
    faxage =
        FaxageEmulator.builder()
            .clock(Clock.fixed(RECEIVED, ZoneOffset.UTC))
            .timeZone(FAXAGE_ZONE)
            .start();
  }

  @AfterAll
  static void stopEmulator() {
    faxage.close();
  }

  @BeforeEach
  void freshCompany() {
    String company = Integer.toString(40_000 + ++companies);
    faxage.createAccount(company, "frontdesk", "pa55-" + company);
    login = new FaxageCredentials(company, "frontdesk", "pa55-" + company);
    faxage.listLayout(ListLayout.TIME_SPLIT);
    faxage.databaseDown(false);
    faxage.clearFaults();
    faxage.clearRequestLog();
  }

  private FaxageClient client(Duration minInterval, Duration backoffBase, int attempts) {
    return client(faxage.endpointUrl(), minInterval, backoffBase, attempts);
  }

  private FaxageClient client(
      URI endpoint, Duration minInterval, Duration backoffBase, int attempts) {
    FaxageSettings settings =
        new FaxageSettings(
            endpoint,
            FAXAGE_ZONE,
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            minInterval,
            backoffBase,
            Duration.ofMinutes(5),
            attempts);
    FaxagePacing.Pause recorded =
        duration -> {
          pauses.add(duration);
          clock.advance(duration);
        };
    return new FaxageClient(
        settings, HttpClient.newHttpClient(), new FaxagePacing(clock, settings, recorded));
  }

  private FaxageClient client() {
    return client(Duration.ZERO, Duration.ZERO, 1);
  }

  private FaxageFax deliver(String from, String to, int pages, String stationId) {
    return faxage.deliverFax(
        login.company(), InboundFaxSpec.of(from, to, pages).senderName(stationId));
  }

  @Test
  void readsListingsInTheDateAndTimeSplitOrder() {
    FaxageFax fax = deliver("+15551230001", "+15559870001", 3, "CLINIC FAX");

    FaxageListing listing = client().listfax(login, false, null);

    assertThat(listing.unreadable()).isEmpty();
    assertThat(listing.faxes())
        .singleElement()
        .isEqualTo(
            new FaxRecord(
                fax.recvid(),
                RECEIVED,
                "+15551230001",
                "+15559870001",
                "CLINIC FAX",
                3,
                ListfaxLayout.TIME_SPLIT));
  }

  @Test
  void readsListingsInTheCsidThirdOrder() {
    FaxageFax fax = deliver("+15551230001", "+15559870001", 2, "CLINIC FAX");
    faxage.listLayout(ListLayout.CSID_THIRD);

    FaxageListing listing = client().listfax(login, false, null);

    assertThat(listing.faxes())
        .singleElement()
        .isEqualTo(
            new FaxRecord(
                fax.recvid(),
                RECEIVED,
                "+15551230001",
                "+15559870001",
                "CLINIC FAX",
                2,
                ListfaxLayout.CSID_THIRD));
  }

  @Test
  void anEmptyInboxIsAnEmptyListing() {
    assertThat(client().listfax(login, true, null)).isEqualTo(FaxageListing.EMPTY);
  }

  @Test
  void listsOnlyUnhandledFaxesToOneNumberWhenAsked() {
    FaxageClient client = client();
    FaxageFax handled = deliver("+15551230001", "+15559870001", 1, null);
    FaxageFax open = deliver("+15551230002", "+15559870001", 1, null);
    FaxageFax otherLine = deliver("+15551230003", "+15559870002", 1, null);

    client.handled(login, handled.recvid());

    assertThat(client.listfax(login, true, "+15559870001").faxes())
        .extracting(FaxRecord::recvid)
        .containsExactly(open.recvid());
    assertThat(client.listfax(login, false, null).faxes())
        .extracting(FaxRecord::recvid)
        .containsExactly(handled.recvid(), open.recvid(), otherLine.recvid());
    assertThat(faxage.fax(handled.recvid()).handled()).isTrue();
  }

  @Test
  void downloadsPdfAndTiffDocumentsCheckedAndHashed() throws Exception {
    FaxageFax pdf = deliver("+15551230001", "+15559870001", 2, null);
    FaxageFax tiff =
        faxage.deliverFax(
            login.company(),
            InboundFaxSpec.of("+15551230001", "+15559870001", 1).contentType(InboundFaxSpec.TIFF));

    DownloadedDocument first = client().getfax(login, pdf.recvid(), staging.resolve("a"));
    DownloadedDocument second = client().getfax(login, tiff.recvid(), staging.resolve("b"));

    assertThat(first.contentType()).isEqualTo("application/pdf");
    assertThat(first.sha256()).isEqualTo(pdf.sha256());
    assertThat(first.size()).isEqualTo(pdf.size()).isEqualTo(Files.size(staging.resolve("a")));
    assertThat(second.contentType()).isEqualTo("image/tiff");
    assertThat(second.sha256()).isEqualTo(tiff.sha256());
    assertThat(Files.getPosixFilePermissions(staging.resolve("a")))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  }

  @Test
  void startsACutOffDownloadAgainAndFailsWhenEveryAttemptIsCutOff() {
    FaxageFax fax = deliver("+15551230001", "+15559870001", 2, null);
    faxage.injectFault(FaultRule.once("POST", "getfax", Fault.truncatedBody()));

    DownloadedDocument document =
        client(Duration.ZERO, Duration.ZERO, 2).getfax(login, fax.recvid(), staging.resolve("f"));

    assertThat(document.sha256()).isEqualTo(fax.sha256());
    faxage.injectFault(FaultRule.once("POST", "getfax", Fault.truncatedBody()).always());
    assertThatThrownBy(
            () ->
                client(Duration.ZERO, Duration.ZERO, 2)
                    .getfax(login, fax.recvid(), staging.resolve("g")))
        .isInstanceOf(ProviderException.Unavailable.class)
        .hasMessageContaining("getfax of fax " + fax.recvid());
  }

  @Test
  void refusesAPdfCutShortWithAConsistentLength() {
    FaxageFax fax = deliver("+15551230001", "+15559870001", 2, null);
    faxage.injectFault(FaultRule.once("POST", "getfax", Fault.malformedJson()));

    assertThatThrownBy(() -> client().getfax(login, fax.recvid(), staging.resolve("half")))
        .isInstanceOf(ProviderException.Unavailable.class)
        .hasMessageContaining("cut short");
  }

  @Test
  void refusesADocumentThatIsNeitherPdfNorTiff() {
    FaxageFax fax = deliver("+15551230001", "+15559870001", 1, null);
    faxage.replaceDocument(
        fax.recvid(), "<html>Bad Gateway</html>".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> client().getfax(login, fax.recvid(), staging.resolve("x")))
        .isInstanceOf(ProviderException.Unavailable.class)
        .hasMessageContaining("neither a PDF nor a TIFF");
  }

  @Test
  void refusesADocumentWhoseBytesContradictItsAnnouncedType() {
    FaxageFax fax = deliver("+15551230001", "+15559870001", 1, null);
    faxage.replaceDocument(fax.recvid(), new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 0, 0});

    assertThatThrownBy(() -> client().getfax(login, fax.recvid(), staging.resolve("x")))
        .isInstanceOf(ProviderException.Unavailable.class)
        .hasMessageContaining("announced application/pdf but answered a image/tiff");
  }

  @Test
  void wrongCredentialsAreARevokedAuthorizationThatNamesNoSecret() {
    FaxageCredentials wrong =
        new FaxageCredentials(login.company(), login.username(), "not-the-password");

    assertThatThrownBy(() -> client().listfax(wrong, false, null))
        .isInstanceOfSatisfying(
            ProviderException.AuthorizationRevoked.class,
            e -> assertThat(e.providerCode()).isEqualTo("ERR02"))
        .hasMessageContaining("company " + login.company())
        .hasMessageNotContaining("not-the-password");
    assertThat(wrong.toString()).doesNotContain("not-the-password");
    assertThat(faxage.requestLog()).hasSize(1);
  }

  @Test
  void aDisabledAccountIsARevokedAuthorizationToo() {
    faxage.setDisabled(login.company(), login.username(), true);

    assertThatThrownBy(() -> client().handlecount(login))
        .isInstanceOf(ProviderException.AuthorizationRevoked.class);
  }

  @Test
  void faxagesDatabaseOutageIsUnavailableAfterEveryAttempt() {
    faxage.databaseDown(true);

    assertThatThrownBy(() -> client(Duration.ZERO, Duration.ZERO, 3).listfax(login, false, null))
        .isInstanceOf(ProviderException.Unavailable.class)
        .hasMessageContaining("ERR01");
    assertThat(faxage.requestLog()).hasSize(3);
  }

  @Test
  void anUnknownFaxIdIsReportedWithItsCodeAndNothingIsSaved() {
    assertThatThrownBy(() -> client().getfax(login, 99L, staging.resolve("none")))
        .isInstanceOf(ProviderException.Unavailable.class)
        .hasMessageContaining("getfax of fax 99")
        .hasMessageContaining("ERR12");
    assertThat(staging.resolve("none")).doesNotExist();
  }

  @Test
  void retriesServerErrorsAndResetsThenSucceeds() {
    deliver("+15551230001", "+15559870001", 1, null);
    faxage.injectFault(FaultRule.once("POST", "listfax", Fault.status(503)));
    faxage.injectFault(FaultRule.once("POST", "listfax", Fault.reset()));

    assertThat(client(Duration.ZERO, Duration.ZERO, 3).listfax(login, false, null).faxes())
        .hasSize(1);
    assertThat(faxage.requestLog()).extracting(FaxageRequest::status).containsExactly(503, 0, 200);
  }

  @Test
  void aWrongEndpointIsMisconfiguredNotUnavailable() {
    URI wrong = URI.create(faxage.baseUrl() + "/httpsfax.asp");

    assertThatThrownBy(() -> client(wrong, Duration.ZERO, Duration.ZERO, 3).handlecount(login))
        .isInstanceOf(ProviderException.Misconfigured.class)
        .hasMessageContaining("faxbridge.faxage.endpoint");
  }

  @Test
  void spacesTheCallsOfOneLoginByTheMinimumInterval() {
    FaxageClient client = client(Duration.ofSeconds(1), Duration.ofSeconds(2), 1);
    FaxageCredentials other = otherCompany();

    client.listfax(login, false, null);
    client.listfax(other, false, null);
    client.handlecount(login);
    client.handlecount(login);

    assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  @Test
  void backsOffAfterEachFailureAndStartsOverAfterASuccess() {
    FaxageClient client = client(Duration.ofSeconds(1), Duration.ofSeconds(2), 3);
    faxage.injectFault(FaultRule.once("POST", "handlecount", Fault.status(502)).times(2));

    assertThat(client.handlecount(login)).isEqualTo(new FaxageClient.HandleCount(0, 0));
    faxage.injectFault(FaultRule.once("POST", "handlecount", Fault.status(502)));
    client.handlecount(login);

    assertThat(pauses)
        .containsExactly(
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2));
  }

  @Test
  void aRateLimitThatOutlastsTheAttemptsSaysWhenToComeBack() {
    faxage.injectFault(FaultRule.once("POST", "listfax", Fault.status(429)).always());

    assertThatThrownBy(
            () -> client(Duration.ZERO, Duration.ofSeconds(2), 2).listfax(login, false, null))
        .isInstanceOfSatisfying(
            ProviderException.RateLimited.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(4)));
  }

  @Test
  void acknowledgesByMarkingHandledOrByDeleting() {
    FaxageClient client = client();
    FaxageFax marked = deliver("+15551230001", "+15559870001", 1, null);
    FaxageFax deleted = deliver("+15551230002", "+15559870001", 1, null);

    client.handled(login, marked.recvid());
    client.delfax(login, deleted.recvid());

    assertThat(faxage.fax(marked.recvid()).handled()).isTrue();
    assertThat(faxage.fax(deleted.recvid()).deleted()).isTrue();
    assertThat(client.handlecount(login)).isEqualTo(new FaxageClient.HandleCount(1, 1));
    assertThat(client.listfax(login, true, null)).isEqualTo(FaxageListing.EMPTY);
    assertThat(faxage.requestLog())
        .filteredOn(r -> "handled".equals(r.operation()))
        .extracting(FaxageRequest::faxId)
        .containsExactly(Long.toString(marked.recvid()));
  }

  private FaxageCredentials otherCompany() {
    String company = Integer.toString(40_000 + ++companies);
    faxage.createAccount(company, "frontdesk", "other");
    return new FaxageCredentials(company, "frontdesk", "other");
  }
}
