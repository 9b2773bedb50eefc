package dev.faxbridge.provider.ringcentral;

import dev.faxbridge.provider.DocumentType;
import dev.faxbridge.provider.DownloadedDocument;
import dev.faxbridge.provider.ProviderException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP calls to the RingCentral platform. Turns every answer into a value or a {@link
 * ProviderException}; knows nothing of connections or storage.
 */
class RingCentralClient {

  static final String JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

  private final RingCentralSettings settings;
  private final RateLimitSettings rateLimits;
  private final HttpClient http;
  private final JsonMapper json = JsonMapper.builder().build();
  private final TransferWatchdog watchdog = new TransferWatchdog();

  RingCentralClient(RingCentralSettings settings, RateLimitSettings rateLimits, HttpClient http) {
    this.settings = settings;
    this.rateLimits = rateLimits;
    this.http = http;
  }

  /** Exchanges a JWT credential for a token set, outside any budget (onboarding, probes). */
  TokenGrant exchangeJwt(String jwtCredential) {
    return exchangeJwt(null, jwtCredential);
  }

  /** Exchanges a JWT credential for a token set, paced by {@code auth} (null: not paced). */
  TokenGrant exchangeJwt(RateLimitBudget.Lane auth, String jwtCredential) {
    return token(auth, Map.of("grant_type", JWT_GRANT, "assertion", jwtCredential), "JWT exchange");
  }

  /**
   * Uses a refresh token, paced by {@code auth}; RingCentral rotates it, so the answer's refresh
   * token replaces it.
   */
  TokenGrant refresh(RateLimitBudget.Lane auth, String refreshToken) {
    return token(
        auth, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken), "refresh");
  }

  /**
   * Redeems an authorization code of the PKCE flow; {@code redirectUri} must be the one sent to the
   * authorize endpoint.
   */
  TokenGrant exchangeCode(String code, String redirectUri, String codeVerifier) {
    return token(
        null,
        Map.of(
            "grant_type",
            "authorization_code",
            "code",
            code,
            "redirect_uri",
            redirectUri,
            "code_verifier",
            codeVerifier),
        "authorization code exchange");
  }

  private TokenGrant token(RateLimitBudget.Lane auth, Map<String, String> form, String what) {
    HttpRequest request = tokenRequest(form);
    HttpResponse<String> response =
        auth == null
            ? send(request, what)
            : exchange(auth, request, HttpResponse.BodyHandlers.ofString(), what);
    if (response.statusCode() == 200) {
      return TokenGrant.parse(parse(response.body(), what));
    }
    throw tokenFailure(response, what);
  }

  /** POSTs a form to the token endpoint as faxbridge's app; the answer as it came. */
  HttpResponse<String> postToken(Map<String, String> form, String what) {
    return send(tokenRequest(form), what);
  }

  private HttpRequest tokenRequest(Map<String, String> form) {
    settings.requireApp();
    String body =
        form.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (settings.clientId() + ":" + settings.clientSecret())
                    .getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(settings.serverUrl().resolve("/restapi/oauth/token"))
        .timeout(settings.requestTimeout())
        .header("Authorization", "Basic " + basic)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
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
   * Streams a fax document to {@code target}, hashing it on the way. Checks the status, that the
   * host may receive our token, the announced type and length, the declared size and the leading
   * bytes, so an error page or a cut-off transfer is never taken for a fax. A transfer that breaks
   * off is resumed with a {@code Range} request from the last byte received (RingCentral's media
   * host answers 206), or started again when the server ignores the range.
   */
  DownloadedDocument download(
      RateLimitBudget.Lane lane,
      String accessToken,
      URI uri,
      Path target,
      String expectedType,
      Long declaredSize,
      String what) {
    requireTrustedMediaHost(uri, what);
    Transfer transfer = new Transfer(target);
    long deadline = System.nanoTime() + settings.downloadTimeLimit().toNanos();
    return withRetries(
        lane,
        what,
        () -> {
          if (System.nanoTime() - deadline > 0) {
            throw new ProviderException.Unavailable(
                what + " took longer than " + settings.downloadTimeLimit());
          }
          fetchInto(lane, accessToken, uri, transfer, expectedType, deadline, what);
          return transfer.finish(declaredSize, what);
        });
  }

  private void fetchInto(
      RateLimitBudget.Lane lane,
      String accessToken,
      URI uri,
      Transfer transfer,
      String expectedType,
      long deadline,
      String what) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(settings.requestTimeout())
            .header("Authorization", "Bearer " + accessToken)
            .GET();
    boolean resuming = transfer.received() > 0;
    if (resuming) {
      builder.header("Range", "bytes=" + transfer.received() + "-");
    }
    HttpResponse<InputStream> response =
        exchange(lane, builder.build(), HttpResponse.BodyHandlers.ofInputStream(), what);
    try (InputStream body = response.body()) {
      int status = response.statusCode();
      if (status == 416 && resuming) {
        transfer.restart();
        throw new ProviderException.Unavailable(what + ": range refused, starting again");
      }
      if (status != 200 && status != 206) {
        String text = new String(body.readNBytes(4096), StandardCharsets.UTF_8);
        throw apiFailure(status, response.headers(), text, what);
      }
      String contentType =
          response.headers().firstValue("Content-Type").map(t -> t.split(";")[0].trim()).orElse("");
      if (!DocumentType.isFaxDocument(contentType)) {
        throw new ProviderException.Unavailable(
            what + " answered Content-Type '" + contentType + "', which is not a fax document");
      }
      if (expectedType != null && !expectedType.isBlank() && !expectedType.equals(contentType)) {
        throw new ProviderException.Unavailable(
            what + " answered " + contentType + " where the message announced " + expectedType);
      }
      long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      long total;
      if (status == 206) {
        ContentRange range = ContentRange.parse(response.headers().firstValue("Content-Range"));
        if (range == null || range.start() != transfer.received()) {
          transfer.restart();
          throw new ProviderException.Unavailable(
              what + " answered a range that does not continue the transfer; starting again");
        }
        total = range.total();
      } else {
        if (resuming) {
          transfer.restart();
        }
        total = length;
      }
      transfer.begin(contentType, total);
      transfer.copy(watchdog.watch(body, settings.downloadIdleTimeout(), deadline), what);
    } catch (IOException e) {
      throw new ProviderException.Unavailable(what + " broke off: " + e.getMessage(), e);
    }
  }

  /**
   * Runs {@code attempt} until it succeeds: again after a pause on 5xx, resets and broken-off
   * transfers, up to the configured number of attempts; and again after a 429 (paced calls only)
   * when the lane reopens within the maximum wait (the lane holds each retry back until {@code
   * Retry-After} has passed, so a retry never lands in the penalty). A rejected token is not
   * retried here: the session renews it.
   */
  private <T> T withRetries(RateLimitBudget.Lane lane, String what, Supplier<T> attempt) {
    int attempts = rateLimits.callAttempts();
    long giveUpAt = System.nanoTime() + rateLimits.maxWait().toNanos();
    for (int failures = 1; ; ) {
      try {
        return attempt.get();
      } catch (TokenRejected rejected) {
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
        pause(rateLimits.callRetryBase().multipliedBy(1L << (failures - 1)), what);
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
  private <T> HttpResponse<T> exchange(
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
      response = http.send(request, handler);
    } catch (IOException e) {
      lane.unanswered(permit);
      throw new ProviderException.Unavailable(
          what + " failed: " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
    } catch (InterruptedException e) {
      lane.unanswered(permit);
      Thread.currentThread().interrupt();
      throw new ProviderException.Unavailable(what + " was interrupted", e);
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
    try {
      HttpResponse<T> response = http.send(request, handler);
      if (response.statusCode() == 429) {
        discard(response);
        Duration retryAfter = retryAfter(response.headers(), rateLimits.defaultPenalty());
        throw new ProviderException.RateLimited(what + " was rate-limited", retryAfter);
      }
      return response;
    } catch (IOException e) {
      throw new ProviderException.Unavailable(
          what + " failed: " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException.Unavailable(what + " was interrupted", e);
    }
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

  /** {@code Content-Range: bytes start-end/total} of a 206 answer. */
  private record ContentRange(long start, long total) {
    static ContentRange parse(java.util.Optional<String> header) {
      if (header.isEmpty()) {
        return null;
      }
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)")
              .matcher(header.get().trim());
      return m.matches()
          ? new ContentRange(Long.parseLong(m.group(1)), Long.parseLong(m.group(3)))
          : null;
    }
  }

  /**
   * One document transfer across resumed requests: the staging file, the running SHA-256 and the
   * first bytes. Bytes are hashed exactly as they are written, so a resumed file hashes whole.
   */
  private static final class Transfer {
    private final Path target;
    private MessageDigest sha256 = newDigest();
    private final byte[] head = new byte[8];
    private int headLength;
    private long received;
    private long total = -1;
    private String contentType;

    Transfer(Path target) {
      this.target = target;
    }

    long received() {
      return received;
    }

    void restart() {
      sha256 = newDigest();
      headLength = 0;
      received = 0;
      total = -1;
    }

    void begin(String contentType, long total) {
      this.contentType = contentType;
      this.total = total;
    }

    void copy(InputStream body, String what) throws IOException {
      OpenOption[] mode =
          received == 0
              ? new OpenOption[] {
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE
              }
              : new OpenOption[] {StandardOpenOption.WRITE, StandardOpenOption.APPEND};
      byte[] buffer = new byte[64 * 1024];
      try (OutputStream out = Files.newOutputStream(target, mode)) {
        int n;
        while ((n = body.read(buffer)) >= 0) {
          out.write(buffer, 0, n);
          sha256.update(buffer, 0, n);
          if (headLength < head.length) {
            int take = Math.min(n, head.length - headLength);
            System.arraycopy(buffer, 0, head, headLength, take);
            headLength += take;
          }
          received += n;
        }
      }
      if (total >= 0 && received < total) {
        throw new ProviderException.Unavailable(
            what + " was cut off: received " + received + " of " + total + " bytes");
      }
    }

    DownloadedDocument finish(Long declaredSize, String what) {
      if (total >= 0 && received != total) {
        throw failedCheck(
            what + " delivered " + received + " bytes where " + total + " were announced");
      }
      if (declaredSize != null && declaredSize > 0 && received != declaredSize) {
        throw failedCheck(
            what + " delivered " + received + " bytes where the message declared " + declaredSize);
      }
      if (!DocumentType.startsLike(contentType, java.util.Arrays.copyOf(head, headLength))) {
        throw failedCheck(what + " delivered bytes that are not a " + contentType + " document");
      }
      return new DownloadedDocument(
          target, received, HexFormat.of().formatHex(sha256.digest()), contentType);
    }

    /** A complete but wrong document: the next attempt starts from the first byte. */
    private ProviderException.Unavailable failedCheck(String message) {
      restart();
      return new ProviderException.Unavailable(message);
    }

    private static MessageDigest newDigest() {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Refuses to send the token to a host that is neither the platform nor a configured media host. A
   * failure of this one document (retried with backoff, then a dead letter), not of the connection:
   * the record may be wrong, or the operator may add the host.
   */
  private void requireTrustedMediaHost(URI uri, String what) {
    boolean trusted =
        sameOrigin(uri, settings.serverUrl())
            || settings.mediaUrls().stream().anyMatch(media -> sameOrigin(uri, media));
    if (!trusted) {
      throw new ProviderException.Unavailable(
          "The attachment URI of the "
              + what
              + " points to "
              + uri.getScheme()
              + "://"
              + uri.getAuthority()
              + ", which is neither the platform nor a configured media host; faxbridge will not"
              + " send a token there. If RingCentral moved its media host, add it to"
              + " faxbridge.ringcentral.media-urls");
    }
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null
        && a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost())
        && effectivePort(a) == effectivePort(b);
  }

  private static int effectivePort(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private HttpResponse<String> send(HttpRequest request, String what) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ProviderException.Unavailable(
          what + " failed: " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException.Unavailable(what + " was interrupted", e);
    }
  }

  private JsonNode parse(String body, String what) {
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

  private ProviderException tokenFailure(HttpResponse<String> response, String what) {
    PlatformError error = PlatformError.parse(json, response.body());
    int status = response.statusCode();
    if (status == 429) {
      return new ProviderException.RateLimited(
          "RingCentral rate-limited the " + what,
          retryAfter(response.headers(), rateLimits.defaultPenalty()));
    }
    if (status >= 500) {
      return new ProviderException.Unavailable(
          "RingCentral's token endpoint failed with HTTP " + status + " during " + what);
    }
    if (error.isClientProblem()) {
      return new ProviderException.Misconfigured(
          "RingCentral refused faxbridge's app during "
              + what
              + ": "
              + error.describe()
              + ". Check faxbridge.ringcentral.client-id, client-secret and server-url, and that"
              + " the app is enabled for this grant type");
    }
    return new ProviderException.AuthorizationRevoked(
        "RingCentral refused the " + what + ": " + error.describe(), error.code());
  }

  private ProviderException apiFailure(
      int status, java.net.http.HttpHeaders headers, String body, String what) {
    PlatformError error = PlatformError.parse(json, body);
    return switch (status) {
      case 401 -> new TokenRejected(what + " was refused with HTTP 401: " + error.describe());
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

  private static Duration retryAfter(java.net.http.HttpHeaders headers, Duration fallback) {
    return headers
        .firstValue("Retry-After")
        .flatMap(
            value -> {
              try {
                return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
              } catch (NumberFormatException e) {
                return java.util.Optional.empty();
              }
            })
        .orElse(fallback);
  }

  /** HTTP 401 on an API call: the access token is no longer accepted. */
  static final class TokenRejected extends ProviderException.Unavailable {
    TokenRejected(String message) {
      super(message);
    }
  }
}
