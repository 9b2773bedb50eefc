package dev.faxbridge.provider.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faxbridge.emulator.ClientApp;
import dev.faxbridge.emulator.Fault;
import dev.faxbridge.emulator.FaultRule;
import dev.faxbridge.emulator.FaxMessage;
import dev.faxbridge.emulator.RingCentralEmulator;
import dev.faxbridge.provider.DownloadedDocument;
import dev.faxbridge.provider.ProviderException;
import dev.faxbridge.testing.Clinic;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad answers from the platform become clear, classified failures; nothing bad is taken as a fax.
 */
class RingCentralClientTest {

  private static final String MESSAGE_LIST =
      "/restapi/v1.0/account/{accountId}/extension/{extensionId}/message-store";
  private static final String CONTENT =
      "/restapi/v1.0/account/{accountId}/extension/{extensionId}/message-store/{messageId}/content/{attachmentId}";

  private static RingCentralEmulator emulator;
  private static ClientApp app;

  @TempDir Path data;

  /** One attempt per call, so each test sees exactly one answer's outcome. */
  private static final RateLimitSettings SINGLE_ATTEMPT =
      new RateLimitSettings(
          Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ZERO, 1, Duration.ZERO);

  private RingCentralClient client;
  private Clinic clinic;
  private String token;

  @BeforeAll
  static void startEmulator() {
    emulator = RingCentralEmulator.builder().start();
    app = emulator.createApp("faxbridge");
  }

  @AfterAll
  static void stopEmulator() {
    emulator.close();
  }

  @BeforeEach
  void connect() {
    client = clientFor(List.of(emulator.mediaUrl()));
    clinic = Clinic.create(emulator, app.clientId(), "Clinic");
    token = client.exchangeJwt(clinic.jwt()).accessToken();
  }

  @AfterEach
  void clearFaults() {
    emulator.clearFaults();
  }

  @Test
  void aCompleteDocumentIsStreamedToDiskWithItsSizeAndHash() {
    FaxMessage fax = clinic.receiveFax(0, 3);

    DownloadedDocument document = download(fax);

    assertThat(document.size()).isEqualTo(fax.size());
    assertThat(document.sha256()).isEqualTo(fax.sha256());
    assertThat(document.contentType()).isEqualTo("application/pdf");
  }

  @Test
  void aTruncatedDownloadIsRefusedAsCutOff() {
    FaxMessage fax = clinic.receiveFax(0, 2);
    emulator.injectFault(FaultRule.once("GET", CONTENT, Fault.truncatedBody()));

    assertThatThrownBy(() -> download(fax))
        .isInstanceOf(ProviderException.Unavailable.class)
        .hasMessageContaining("message " + fax.messageId());
  }

  @Test
  void aTruncatedDownloadIsResumedFromTheLastByteWhenAttemptsRemain() {
    FaxMessage fax = clinic.receiveFax(0, 3);
    RingCentralClient resuming =
        new RingCentralClient(
            settings(app.clientId(), app.clientSecret(), List.of(emulator.mediaUrl())),
            new RateLimitSettings(
                Duration.ofSeconds(60),
                Duration.ofSeconds(60),
                Duration.ofSeconds(5),
                2,
                Duration.ofMillis(10)),
            HttpClient.newHttpClient());
    emulator.injectFault(FaultRule.once("GET", CONTENT, Fault.truncatedBody()));
    emulator.clearRequestLog();

    DownloadedDocument document =
        resuming.download(
            null,
            token,
            contentUri(fax),
            data.resolve("resumed.pdf"),
            "application/pdf",
            fax.size(),
            "download");

    assertThat(document.sha256()).isEqualTo(fax.sha256());
    assertThat(document.size()).isEqualTo(fax.size());
    assertThat(emulator.requestLog())
        .extracting(r -> r.status())
        .as("the second request asked for the rest only")
        .endsWith(206);
  }

  @Test
  void aConnectionResetMidDownloadIsWorthRetrying() {
    FaxMessage fax = clinic.receiveFax(0, 2);
    emulator.injectFault(FaultRule.once("GET", CONTENT, Fault.reset()).always());

    assertThatThrownBy(() -> download(fax)).isInstanceOf(ProviderException.Unavailable.class);
    emulator.clearFaults();
    assertThat(download(fax).sha256()).as("the next attempt succeeds").isEqualTo(fax.sha256());
  }

  @Test
  void aMalformedListAnswerSaysWhatWasMalformed() {
    emulator.injectFault(FaultRule.once("GET", MESSAGE_LIST, Fault.malformedJson()));

    assertThatThrownBy(() -> client.get(token, listPath(), "message list of mailbox 1"))
        .isInstanceOf(ProviderException.Unavailable.class)
        .hasMessageContaining("message list of mailbox 1")
        .hasMessageContaining("malformed JSON");
  }

  @Test
  void aServerErrorIsWorthRetryingAndARateLimitSaysHowLongToWait() {
    emulator.injectFault(FaultRule.once("GET", MESSAGE_LIST, Fault.status(503)));
    assertThatThrownBy(() -> client.get(token, listPath(), "message list"))
        .isInstanceOf(ProviderException.Unavailable.class)
        .hasMessageContaining("503");

    emulator.injectFault(FaultRule.once("GET", MESSAGE_LIST, Fault.status(429)));
    assertThatThrownBy(() -> client.get(token, listPath(), "message list"))
        .isInstanceOfSatisfying(
            ProviderException.RateLimited.class,
            limited -> assertThat(limited.retryAfter()).isPositive());
  }

  @Test
  void anAttachmentOnAnUntrustedHostNeverReceivesTheToken() {
    FaxMessage fax = clinic.receiveFax(0, 1);
    RingCentralClient strict = clientFor(List.of(URI.create("https://media.ringcentral.com")));
    emulator.clearRequestLog();

    assertThatThrownBy(
            () ->
                strict.download(
                    null,
                    token,
                    contentUri(fax),
                    data.resolve("x.pdf"),
                    "application/pdf",
                    null,
                    "download"))
        .isInstanceOf(ProviderException.Unavailable.class)
        .hasMessageContaining("media-urls");
    assertThat(emulator.requestLog()).isEmpty();
  }

  @Test
  void aRevokedCredentialIsAPermanentRefusalThatNamesThePlatformCode() {
    emulator.revokeJwtCredential(clinic.jwt());

    assertThatThrownBy(() -> client.exchangeJwt(clinic.jwt()))
        .isInstanceOfSatisfying(
            ProviderException.AuthorizationRevoked.class,
            revoked -> {
              assertThat(revoked.providerCode()).startsWith("OAU-");
              assertThat(revoked.getMessage()).doesNotContain(clinic.jwt());
            });
  }

  @Test
  void aWrongClientSecretIsOurConfigurationNotTheClinics() {
    RingCentralClient wrong =
        new RingCentralClient(
            settings(app.clientId(), "not-the-secret", List.of(emulator.mediaUrl())),
            SINGLE_ATTEMPT,
            HttpClient.newHttpClient());

    assertThatThrownBy(() -> wrong.exchangeJwt(clinic.jwt()))
        .isInstanceOf(ProviderException.Misconfigured.class)
        .hasMessageContaining("client-secret");
  }

  private DownloadedDocument download(FaxMessage fax) {
    return client.download(
        null,
        token,
        contentUri(fax),
        data.resolve(fax.messageId() + ".pdf"),
        "application/pdf",
        fax.size(),
        "download of message " + fax.messageId());
  }

  private URI contentUri(FaxMessage fax) {
    return emulator.mediaUrl().resolve(fax.contentPath());
  }

  private String listPath() {
    return "/restapi/v1.0/account/~/extension/"
        + clinic.mailboxIds().get(0)
        + "/message-store?messageType=Fax";
  }

  private RingCentralClient clientFor(List<URI> mediaUrls) {
    return new RingCentralClient(
        settings(app.clientId(), app.clientSecret(), mediaUrls),
        SINGLE_ATTEMPT,
        HttpClient.newHttpClient());
  }

  private static RingCentralSettings settings(String clientId, String secret, List<URI> mediaUrls) {
    return new RingCentralSettings(
        clientId,
        secret,
        emulator.platformUrl(),
        mediaUrls,
        Duration.ofMinutes(5),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        1000,
        Duration.ofSeconds(30),
        Duration.ofMinutes(15),
        null);
  }
}
