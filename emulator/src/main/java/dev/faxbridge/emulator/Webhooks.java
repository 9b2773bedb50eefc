package dev.faxbridge.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * The platform's side of WebHook HTTP: the validation handshake at creation (a {@code
 * Validation-Token} header the endpoint must echo within 3 s with a 200) and notification POSTs
 * (JSON, with {@code Verification-Token} when the subscriber set one).
 */
final class Webhooks {

  static final Duration TIMEOUT = Duration.ofSeconds(3);
  private static final String USER_AGENT = "RingCentral-Webhook/8.3";

  private final HttpClient http;

  Webhooks(Executor executor) {
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(executor)
            .build();
  }

  /** The outcome of one POST: null when it succeeded, else the reason the platform records. */
  String validate(String address) {
    String token = UUID.randomUUID().toString();
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(URI.create(address))
                  .timeout(TIMEOUT)
                  .header("Validation-Token", token)
                  .header("User-Agent", USER_AGENT)
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() != 200) {
        return "Webhook responses with code: [" + response.statusCode() + "]";
      }
      if (!token.equals(response.headers().firstValue("Validation-Token").orElse(null))) {
        return "Validation-Token header is missing or wrong";
      }
      return null;
    } catch (IOException | IllegalArgumentException e) {
      return "I/O operation is failed. Details: [" + e.getClass().getSimpleName() + "]";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  String notify(String address, String verificationToken, byte[] json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(address))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json; charset=utf-8")
            .header("User-Agent", USER_AGENT)
            .POST(HttpRequest.BodyPublishers.ofByteArray(json));
    if (verificationToken != null) {
      request.header("Verification-Token", verificationToken);
    }
    try {
      HttpResponse<Void> response =
          http.send(request.build(), HttpResponse.BodyHandlers.discarding());
      return response.statusCode() / 100 == 2
          ? null
          : "Webhook responses with code: [" + response.statusCode() + "]";
    } catch (IOException e) {
      return "I/O operation is failed. Details: [" + e.getClass().getSimpleName() + "]";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
