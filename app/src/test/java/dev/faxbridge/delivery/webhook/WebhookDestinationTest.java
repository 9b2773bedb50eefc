package dev.faxbridge.delivery.webhook;

import static dev.faxbridge.testing.Outcomes.rejectedReason;
import static dev.faxbridge.testing.Outcomes.retryLaterReason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.delivery.DeliveryOutcome;
import dev.faxbridge.delivery.FaxDocument;
import dev.faxbridge.testing.StagedFaxes;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WebhookDestinationTest {

  private static final String SECRET = "a-shared-secret-of-the-clinic";

  @TempDir Path staging;
  private StagedFaxes faxes;
  private SigningReceiver receiver;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:16:00Z"), ZoneOffset.UTC);

  @BeforeEach
  void startReceiver() throws Exception {
    faxes = new StagedFaxes(staging);
    receiver = new SigningReceiver(SECRET);
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  @Test
  void postsTheMetadataAndTheDocumentSignedWithTheSharedSecret() {
    byte[] content = StagedFaxes.pdf(300_000);
    FaxDocument document = faxes.document("42", content);

    DeliveryOutcome outcome = destination(SECRET, "Cardiology").deliver(document);

    assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(receiver.refused()).isEmpty();
    assertThat(receiver.stored()).hasSize(1);
    SigningReceiver.Received received = receiver.stored().get(0);
    assertThat(received.idempotencyKey()).isEqualTo(document.fax().sourceKey());
    assertThat(SigningReceiver.sameBytes(received.document(), content)).isTrue();
    JsonNode metadata = JsonMapper.builder().build().readTree(received.metadataJson());
    assertThat(metadata.get("id").asString()).isEqualTo(document.fax().sourceKey());
    assertThat(metadata.get("receivedAt").asString()).isEqualTo("2026-11-27T10:15:30.000Z");
    assertThat(metadata.get("from").asString()).isEqualTo(StagedFaxes.FROM);
    assertThat(metadata.get("to").asString()).isEqualTo(StagedFaxes.TO);
    assertThat(metadata.get("pageCount").asInt()).isEqualTo(3);
    assertThat(metadata.get("location").asString()).isEqualTo("Cardiology");
    assertThat(metadata.get("size").asLong()).isEqualTo(content.length);
  }

  @Test
  void aReceiverWithAnotherSecretRefusesTheSignature() {
    DeliveryOutcome outcome =
        destination("not-the-clinic-secret", null).deliver(faxes.document("7", new byte[10]));

    assertThat(receiver.refused()).containsExactly("bad signature");
    assertThat(retryLaterReason(outcome)).contains("HTTP 401");
  }

  @Test
  void deliveringAgainSendsTheSameIdempotencyKeySoTheReceiverKeepsOneCopy() {
    FaxDocument document = faxes.document("42", StagedFaxes.pdf(1000));
    WebhookDestination destination = destination(SECRET, null);

    DeliveryOutcome first = destination.deliver(document);
    DeliveryOutcome second = destination.deliver(document);

    assertThat(first).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(second).isEqualTo(first);
    assertThat(receiver.stored()).hasSize(1);
  }

  @Test
  void theSendersNameArrivesIntactInAnyScript() {
    FaxDocument document = faxes.document("42", StagedFaxes.pdf(100));
    String name = "Клиника «Север» 北診療所 مستشفى";

    destination(SECRET, null)
        .deliver(document.document(), StagedFaxes.withSender(document, name, null));

    JsonNode metadata =
        JsonMapper.builder().build().readTree(receiver.stored().get(0).metadataJson());
    assertThat(metadata.get("senderName").asString()).isEqualTo(name);
  }

  @Test
  void aServerErrorAsksToRetryLaterAndAClientErrorRejects() {
    FaxDocument document = faxes.document("42", StagedFaxes.pdf(100));

    receiver.answerWith(503);
    DeliveryOutcome unavailable = destination(SECRET, null).deliver(document);
    receiver.answerWith(422);
    DeliveryOutcome refused = destination(SECRET, null).deliver(document);

    assertThat(retryLaterReason(unavailable)).contains("HTTP 503");
    assertThat(rejectedReason(refused)).contains("HTTP 422");
    assertThat(receiver.stored()).isEmpty();
  }

  @Test
  void anUnreachableReceiverAsksToRetryLater() throws Exception {
    int closedPort = StagedFaxes.closedPort();
    WebhookDestination destination =
        new WebhookDestination(
            new WebhookSettings(
                URI.create("http://127.0.0.1:" + closedPort + "/faxes"), SECRET, null, null),
            http,
            clock);

    DeliveryOutcome outcome = destination.deliver(faxes.document("42", new byte[10]));

    assertThat(retryLaterReason(outcome)).contains("could not be reached");
  }

  private WebhookDestination destination(String secret, String location) {
    return new WebhookDestination(
        new WebhookSettings(receiver.url(), secret, null, location), http, clock);
  }
}
