package dev.faxbridge.provider.ringcentral;

import dev.faxbridge.platform.Backoff;
import dev.faxbridge.provider.ProviderException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests to the platform's REST API: GETs with retries, changes and creations without, each
 * within a connection's rate-limit lane (the answer's rate-limit headers reported back to it, a 429
 * as {@link ProviderException.RateLimited}), and every answer turned into a value or a {@link
 * ProviderException}. The token endpoint and the document download build on its plumbing.
 */
final class ApiRequests {

  private final RingCentralSettings settings;
  private final RateLimitSettings rateLimits;
  private final HttpClient http;
  private final JsonMapper json = JsonMapper.builder().build();

  ApiRequests(RingCentralSettings settings, RateLimitSettings rateLimits, HttpClient http) {
    this.settings = settings;
    this.rateLimits = rateLimits;
    this.http = http;
  }

  JsonMapper json() {
    return json;
  }

  RateLimitSettings rateLimits() {
    return rateLimits;
  }

  /** GETs a platform API path outside any budget: onboarding, before a connection exists. */
  JsonNode get(String accessToken, String pathAndQuery, String what) {
    return get(null, accessToken, pathAndQuery, what);
  }

  /**
   * GETs a platform API path (with query) and returns the JSON answer. Paced by {@code lane} (null:
   * not paced); retried on 5xx, resets and malformed answers, and after a 429 once the lane
   * reopens.
   */
  JsonNode get(RateLimitBudget.Lane lane, String accessToken, String pathAndQuery, String what) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(settings.serverUrl() + pathAndQuery))
            .timeout(settings.requestTimeout())
            .header("Authorization", "Bearer " + accessToken)
            .header("Accept", "application/json")
            .GET()
            .build();
    return withRetries(
        lane,
        what,
        () -> {
          HttpResponse<String> response =
              exchange(lane, request, HttpResponse.BodyHandlers.ofString(), what);
          if (response.statusCode() == 200) {
            return parse(response.body(), what);
          }
          throw apiFailure(response.statusCode(), response.headers(), response.body(), what);
        });
  }

  /**
   * Sends a change (PUT with a JSON body, or DELETE when {@code jsonBody} is null) to a platform
   * API path. Not retried on 5xx here: the caller retries on its own schedule.
   */
  void change(
      RateLimitBudget.Lane lane,
      String accessToken,
      String pathAndQuery,
      String jsonBody,
      String what) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(settings.serverUrl() + pathAndQuery))
            .timeout(settings.requestTimeout())
            .header("Authorization", "Bearer " + accessToken)
            .header("Accept", "application/json");
    HttpRequest request =
        jsonBody == null
            ? builder.DELETE().build()
            : builder
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(jsonBody))
                .build();
    HttpResponse<String> response =
        exchange(lane, request, HttpResponse.BodyHandlers.ofString(), what);
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw apiFailure(status, response.headers(), response.body(), what);
    }
  }

  /**
   * Sends a JSON body with {@code method} (POST, PUT) and returns the JSON answer. Not retried on
   * 5xx: creating twice is not harmless.
   */
  JsonNode send(
      RateLimitBudget.Lane lane,
      String accessToken,
      String method,
      String pathAndQuery,
      String jsonBody,
      String what) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(settings.serverUrl() + pathAndQuery))
            .timeout(settings.requestTimeout())
            .header("Authorization", "Bearer " + accessToken)
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(jsonBody))
            .build();
    HttpResponse<String> response =
        exchange(lane, request, HttpResponse.BodyHandlers.ofString(), what);
    if (response.statusCode() / 100 == 2) {
      return parse(response.body(), what);
    }
    throw apiFailure(response.statusCode(), response.headers(), response.body(), what);
  }

  /**
   * Runs {@code attempt} until it succeeds: again after a pause on 5xx, resets and broken-off
   * transfers, up to the configured number of attempts; and again after a 429 (paced calls only)
   * for as long as the maximum wait allows (the lane holds each retry back until {@code
   * Retry-After} has passed, so a retry never lands in the penalty). A rejected token is not
   * retried here: the session renews it.
   */
  <T> T withRetries(RateLimitBudget.Lane lane, String what, Supplier<T> attempt) {
    int attempts = rateLimits.callAttempts();
    long giveUpAt = System.nanoTime() + rateLimits.maxWait().toNanos();
    for (int failures = 1; ; ) {
      try {
        return attempt.get();
      } catch (RingCentralClient.TokenRejected rejected) {
        throw rejected;
      } catch (ProviderException.RateLimited limited) {
        long left = giveUpAt - System.nanoTime();
        if (lane == null
            || lane.stopping()
            || left <= 0
            || !lane.opensWithin(Duration.ofNanos(left))) {
          // unpaced (nothing would hold a retry back from the penalty), stopping, or the lane
          // stays closed longer than this call may wait: the caller gives its thread back
          throw limited;
        }
      } catch (ProviderException.Unavailable failure) {
        if (failures >= attempts) {
          throw failure;
        }
        pause(Backoff.doubling(rateLimits.callRetryBase()).after(failures), what);
        failures++;
      }
    }
  }

  private static void pause(Duration base, String what) {
    long millis = base.toMillis();
    long jittered = millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1);
    try {
      Thread.sleep(jittered);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException.Unavailable(what + " was interrupted", e);
    }
  }

  /**
   * Sends one request within the lane's budget and reports the answer's rate-limit headers (or its
   * 429) back to the lane. A 429 comes back as {@link ProviderException.RateLimited}.
   */
  <T> HttpResponse<T> exchange(
      RateLimitBudget.Lane lane,
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      String what) {
    if (lane == null) {
      return unpaced(request, handler, what);
    }
    RateLimitBudget.Permit permit = lane.acquire(what);
    HttpResponse<T> response;
    try {
      response = sendOnce(request, handler, what);
    } catch (ProviderException.Unavailable unanswered) {
      lane.unanswered(permit);
      throw unanswered;
    }
    java.net.http.HttpHeaders headers = response.headers();
    if (response.statusCode() == 429) {
      Duration retryAfter = retryAfter(headers, rateLimits.defaultPenalty());
      lane.rejected(permit, retryAfter);
      discard(response);
      throw new ProviderException.RateLimited(
          what + " was rate-limited (" + lane.group().tag() + ")", retryAfter);
    }
    lane.answered(
        permit,
        intHeader(headers, "X-Rate-Limit-Limit"),
        intHeader(headers, "X-Rate-Limit-Remaining"),
        headers.firstValueAsLong("X-Rate-Limit-Window").isPresent()
            ? OptionalLong.of(headers.firstValueAsLong("X-Rate-Limit-Window").getAsLong())
            : OptionalLong.empty());
    return response;
  }

  private <T> HttpResponse<T> unpaced(
      HttpRequest request, HttpResponse.BodyHandler<T> handler, String what) {
    HttpResponse<T> response = sendOnce(request, handler, what);
    if (response.statusCode() == 429) {
      discard(response);
      Duration retryAfter = retryAfter(response.headers(), rateLimits.defaultPenalty());
      throw new ProviderException.RateLimited(what + " was rate-limited", retryAfter);
    }
    return response;
  }

  private static void discard(HttpResponse<?> response) {
    if (response.body() instanceof InputStream stream) {
      try {
        stream.close();
      } catch (IOException ignored) {
        // the connection is dropped; nothing to keep from a 429
      }
    }
  }

  private static OptionalInt intHeader(java.net.http.HttpHeaders headers, String name) {
    try {
      return headers
          .firstValue(name)
          .map(v -> OptionalInt.of(Integer.parseInt(v.trim())))
          .orElse(OptionalInt.empty());
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  /** Sends one request outside any budget and without retries; the answer as it came. */
  HttpResponse<String> sendOnce(HttpRequest request, String what) {
    return sendOnce(request, HttpResponse.BodyHandlers.ofString(), what);
  }

  /** One request as it is sent; a reset, timeout or interruption as {@code Unavailable}. */
  private <T> HttpResponse<T> sendOnce(
      HttpRequest request, HttpResponse.BodyHandler<T> handler, String what) {
    try {
      return http.send(request, handler);
    } catch (IOException e) {
      throw new ProviderException.Unavailable(
          what + " failed: " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException.Unavailable(what + " was interrupted", e);
    }
  }

  JsonNode parse(String body, String what) {
    try {
      JsonNode node = json.readTree(body);
      if (node == null || !node.isObject()) {
        throw new ProviderException.Unavailable(
            "RingCentral answered " + what + " with something that is not a JSON object");
      }
      return node;
    } catch (JacksonException e) {
      throw new ProviderException.Unavailable(
          "RingCentral answered " + what + " with malformed JSON: " + e.getOriginalMessage(), e);
    }
  }

  ProviderException apiFailure(
      int status, java.net.http.HttpHeaders headers, String body, String what) {
    PlatformError error = PlatformError.parse(json, body);
    return switch (status) {
      case 401 ->
          new RingCentralClient.TokenRejected(
              what + " was refused with HTTP 401: " + error.describe());
      case 404 -> new ProviderException.Gone(what + " answered 404: " + error.describe());
      case 429 ->
          new ProviderException.RateLimited(
              what + " was rate-limited: " + error.describe(),
              retryAfter(headers, rateLimits.defaultPenalty()));
      default ->
          new ProviderException.Unavailable(
              what + " answered HTTP " + status + ": " + error.describe());
    };
  }

  static Duration retryAfter(java.net.http.HttpHeaders headers, Duration fallback) {
    return headers
        .firstValue("Retry-After")
        .flatMap(
            value -> {
              try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
              } catch (NumberFormatException e) {
                return Optional.empty();
              }
            })
        .orElse(fallback);
  }
}
