package dev.faxbridge.provider.ringcentral;

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
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
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
  private static final Duration DEFAULT_PENALTY = Duration.ofSeconds(60);

  private final RingCentralSettings settings;
  private final HttpClient http;
  private final JsonMapper json = JsonMapper.builder().build();

  RingCentralClient(RingCentralSettings settings, HttpClient http) {
    this.settings = settings;
    this.http = http;
  }

  /** Exchanges a JWT credential for a token set. */
  TokenGrant exchangeJwt(String jwtCredential) {
    return token(Map.of("grant_type", JWT_GRANT, "assertion", jwtCredential), "JWT exchange");
  }

  /** Uses a refresh token; RingCentral rotates it, so the answer's refresh token replaces it. */
  TokenGrant refresh(String refreshToken) {
    return token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken), "refresh");
  }

  /**
   * Redeems an authorization code of the PKCE flow; {@code redirectUri} must be the one sent to the
   * authorize endpoint.
   */
  TokenGrant exchangeCode(String code, String redirectUri, String codeVerifier) {
    return token(
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

  private TokenGrant token(Map<String, String> form, String what) {
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
    HttpRequest request =
        HttpRequest.newBuilder(settings.serverUrl().resolve("/restapi/oauth/token"))
            .timeout(settings.requestTimeout())
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = send(request, what);
    if (response.statusCode() == 200) {
      return TokenGrant.parse(parse(response.body(), what));
    }
    throw tokenFailure(response, what);
  }

  /** GETs a platform API path (with query) and returns the JSON answer. */
  JsonNode get(String accessToken, String pathAndQuery, String what) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(settings.serverUrl() + pathAndQuery))
            .timeout(settings.requestTimeout())
            .header("Authorization", "Bearer " + accessToken)
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<String> response = send(request, what);
    if (response.statusCode() == 200) {
      return parse(response.body(), what);
    }
    throw apiFailure(response.statusCode(), response.headers(), response.body(), what);
  }

  /**
   * Streams a fax document to {@code target}, hashing it on the way. Checks the status, that the
   * host may receive our token, the announced type and length, the declared size and the leading
   * bytes, so an error page or a cut-off transfer is never taken for a fax.
   */
  DownloadedDocument download(
      String accessToken,
      URI uri,
      Path target,
      String expectedType,
      Long declaredSize,
      String what) {
    requireTrustedMediaHost(uri);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(settings.requestTimeout())
            .header("Authorization", "Bearer " + accessToken)
            .GET()
            .build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new ProviderException.Unavailable(what + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException.Unavailable(what + " was interrupted", e);
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        String text = new String(body.readNBytes(4096), StandardCharsets.UTF_8);
        throw apiFailure(response.statusCode(), response.headers(), text, what);
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
      long announcedLength = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      long copied;
      byte[] head;
      try (DigestInputStream digesting = new DigestInputStream(body, sha256);
          OutputStream out =
              Files.newOutputStream(
                  target,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.TRUNCATE_EXISTING,
                  StandardOpenOption.WRITE)) {
        head = digesting.readNBytes(8);
        out.write(head);
        copied = head.length + digesting.transferTo(out);
      }
      if (announcedLength >= 0 && copied != announcedLength) {
        throw new ProviderException.Unavailable(
            what + " was cut off: received " + copied + " of " + announcedLength + " bytes");
      }
      if (declaredSize != null && declaredSize > 0 && copied != declaredSize) {
        throw new ProviderException.Unavailable(
            what + " delivered " + copied + " bytes where the message declared " + declaredSize);
      }
      if (!DocumentType.startsLike(contentType, head)) {
        throw new ProviderException.Unavailable(
            what + " delivered bytes that are not a " + contentType + " document");
      }
      return new DownloadedDocument(
          target, copied, HexFormat.of().formatHex(sha256.digest()), contentType);
    } catch (IOException e) {
      throw new ProviderException.Unavailable(what + " broke off: " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void requireTrustedMediaHost(URI uri) {
    boolean trusted =
        sameOrigin(uri, settings.serverUrl())
            || settings.mediaUrls().stream().anyMatch(media -> sameOrigin(uri, media));
    if (!trusted) {
      throw new ProviderException.Misconfigured(
          "An attachment URI points to "
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
          "RingCentral rate-limited the " + what, retryAfter(response.headers()));
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
              what + " was rate-limited: " + error.describe(), retryAfter(headers));
      default ->
          new ProviderException.Unavailable(
              what + " answered HTTP " + status + ": " + error.describe());
    };
  }

  private static Duration retryAfter(java.net.http.HttpHeaders headers) {
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
        .orElse(DEFAULT_PENALTY);
  }

  /** HTTP 401 on an API call: the access token is no longer accepted. */
  static final class TokenRejected extends ProviderException.Unavailable {
    TokenRejected(String message) {
      super(message);
    }
  }
}
