package dev.faxbridge.delivery.webhook;

import dev.faxbridge.delivery.DeliveryOutcome;
import dev.faxbridge.delivery.Destination;
import dev.faxbridge.delivery.FaxDocument;
import dev.faxbridge.delivery.FaxMetadata;
import dev.faxbridge.delivery.HttpFailures;
import dev.faxbridge.platform.WebhookSignature;
import dev.faxbridge.provider.DownloadedDocument;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * POSTs each fax as {@code multipart/form-data}: a {@code metadata} part (JSON, the shared {@link
 * FaxMetadata} fields) and a {@code document} part (the PDF or TIFF, streamed from disk). The
 * request is signed like every faxbridge webhook ({@link WebhookSignature}) and carries {@code
 * Idempotency-Key}, the fax's stable identity: the same on every retry, so a receiver that
 * remembers the keys it stored answers 2xx to a repeat without storing a second copy. Any 2xx
 * answer means delivered.
 *
 * <p>With {@link WebhookSettings#documentLink()} the request is JSON instead: {@code event}, the
 * {@code metadata}, and a {@code document} object with a short-lived signed download {@code url}
 * ({@link DocumentLinks}), its {@code expiresAt} and the document's type, size and SHA-256.
 */
public class WebhookDestination implements Destination {

  static final String EVENT = "fax.received";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final WebhookSettings settings;
  private final HttpClient http;
  private final Clock clock;
  private final DocumentLinks links;

  /**
   * @param http a client that follows no redirects (a redirect would resend PHI elsewhere)
   */
  public WebhookDestination(WebhookSettings settings, HttpClient http, Clock clock) {
    this(settings, http, clock, null);
  }

  /**
   * @param links where link-mode documents are published; needed with {@link
   *     WebhookSettings#documentLink()}
   */
  public WebhookDestination(
      WebhookSettings settings, HttpClient http, Clock clock, DocumentLinks links) {
    this.settings = settings;
    this.http = http;
    this.clock = clock;
    this.links = links;
  }

  @Override
  public DeliveryOutcome deliver(FaxDocument document) {
    return deliver(document.document(), FaxMetadata.of(document, settings.location()));
  }

  DeliveryOutcome deliver(DownloadedDocument document, FaxMetadata metadata) {
    if (settings.documentLink()) {
      return deliverLink(document, metadata);
    }
    MultipartBody body = new MultipartBody(metadata, document);
    String timestamp = String.valueOf(clock.instant().getEpochSecond());
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(settings.url())
              .timeout(settings.timeout())
              .header("Content-Type", body.contentType())
              .header("X-Faxbridge-Event", EVENT)
              .header("Idempotency-Key", metadata.documentId())
              .header(WebhookSignature.TIMESTAMP_HEADER, timestamp)
              .header(WebhookSignature.HEADER, sign(body, timestamp))
              .POST(body.publisher())
              .build();
    } catch (IOException e) {
      return new DeliveryOutcome.RetryLater(
          "Could not read the staged document: " + e.getClass().getSimpleName());
    }
    return send(request);
  }

  private DeliveryOutcome deliverLink(DownloadedDocument document, FaxMetadata metadata) {
    DocumentLinks.Link link;
    try {
      if (links == null) {
        throw new IllegalStateException("this webhook has no document links");
      }
      link = links.publish(metadata, document);
    } catch (IOException e) {
      return new DeliveryOutcome.RetryLater(
          "Could not keep the document for its download link: " + e.getClass().getSimpleName());
    } catch (IllegalStateException notConfigured) {
      return new DeliveryOutcome.RetryLater(notConfigured.getMessage());
    }
    Map<String, Object> linked = new LinkedHashMap<>();
    linked.put("url", link.url().toString());
    linked.put("expiresAt", FaxMetadata.timestamp(link.expiresAt()));
    linked.put("contentType", metadata.contentType());
    linked.put("size", metadata.size());
    linked.put("sha256", metadata.sha256());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("event", EVENT);
    json.put("metadata", metadata.asJson());
    json.put("document", linked);
    byte[] body = JSON.writeValueAsBytes(json);
    String timestamp = String.valueOf(clock.instant().getEpochSecond());
    return send(
        HttpRequest.newBuilder(settings.url())
            .timeout(settings.timeout())
            .header("Content-Type", "application/json")
            .header("X-Faxbridge-Event", EVENT)
            .header("Idempotency-Key", metadata.documentId())
            .header(WebhookSignature.TIMESTAMP_HEADER, timestamp)
            .header(
                WebhookSignature.HEADER,
                WebhookSignature.of(settings.secret(), timestamp).update(body).header())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  private DeliveryOutcome send(HttpRequest request) {
    try {
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      return outcome(status);
    } catch (IOException e) {
      return new DeliveryOutcome.RetryLater(
          "The webhook receiver at "
              + settings.url().getHost()
              + " could not be reached: "
              + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new DeliveryOutcome.RetryLater("Interrupted while sending the webhook");
    }
  }

  private DeliveryOutcome outcome(int status) {
    String host = settings.url().getHost();
    if (status / 100 == 2) {
      return new DeliveryOutcome.Delivered("webhook " + host + " (HTTP " + status + ")");
    }
    return HttpFailures.outcome(
        status, "The webhook receiver at " + host + " answered HTTP " + status);
  }

  /** Reads the document once through the HMAC, in chunks, so it is never held in memory. */
  private String sign(MultipartBody body, String timestamp) throws IOException {
    WebhookSignature signature = WebhookSignature.of(settings.secret(), timestamp);
    signature.update(body.head());
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(body.document().path())) {
      for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
        signature.update(buffer, 0, read);
      }
    }
    signature.update(body.tail());
    return signature.header();
  }
}
