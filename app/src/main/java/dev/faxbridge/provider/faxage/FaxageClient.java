package dev.faxbridge.provider.faxage;

import dev.faxbridge.provider.DownloadedDocument;
import dev.faxbridge.provider.ProviderException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Calls to Faxage's one endpoint: a form POST carrying {@code username}, {@code company}, {@code
 * password} and {@code operation}. Turns every answer into a value or a {@link ProviderException};
 * paces each login and retries failed calls after a growing pause. Knows nothing of connections or
 * storage, and logs nothing: credentials travel only in request bodies.
 */
class FaxageClient {

  /** The longest text answer read; a listing of this size is far beyond any clinic's inbox. */
  private static final int MAX_TEXT = 16 * 1024 * 1024;

  private static final Pattern COUNTS = Pattern.compile("^\\s*(\\d+)\\s+(\\d+)\\s*$");

  private final FaxageSettings settings;
  private final HttpClient http;
  private final FaxagePacing pacing;
  private final ListfaxParser parser;

  FaxageClient(FaxageSettings settings, HttpClient http, FaxagePacing pacing) {
    this.settings = settings;
    this.http = http;
    this.pacing = pacing;
    this.parser = new ListfaxParser(settings.timeZone());
  }

  /** Faxage's count of stored faxes and of those marked handled. */
  record HandleCount(long stored, long handled) {}

  /**
   * Lists the company's received faxes: only those not marked handled when {@code unhandledOnly},
   * only those to {@code didNumber} when it is not null. An empty inbox is an empty listing.
   */
  FaxageListing listfax(FaxageCredentials credentials, boolean unhandledOnly, String didNumber) {
    Map<String, String> params = new LinkedHashMap<>();
    if (unhandledOnly) {
      params.put("unhandled", "1");
    }
    if (didNumber != null) {
      params.put("didnumber", didNumber);
    }
    String what = "listfax";
    return call(
        credentials,
        "listfax",
        params,
        what,
        response -> {
          String body = text(response);
          String code = FaxageErrors.code(body);
          if (FaxageErrors.NO_FAXES.equals(code)) {
            return FaxageListing.EMPTY;
          }
          if (code != null) {
            throw FaxageErrors.failure(code, what, credentials.company());
          }
          return parser.parse(body);
        });
  }

  /**
   * Streams fax {@code recvid}'s document to {@code target}: checked for type by its leading bytes,
   * for length and hashed (see {@link DocumentDownload}). A failed attempt starts again from the
   * first byte. On failure {@code target} may hold a partial file that the caller discards.
   */
  DownloadedDocument getfax(FaxageCredentials credentials, long recvid, Path target) {
    String what = "getfax of fax " + recvid;
    return call(
        credentials,
        "getfax",
        Map.of("faxid", Long.toString(recvid)),
        what,
        response -> {
          BufferedInputStream body = new BufferedInputStream(response.body(), 64 * 1024);
          body.mark(DocumentDownload.HEAD);
          byte[] head = body.readNBytes(DocumentDownload.HEAD);
          body.reset();
          String code = FaxageErrors.code(new String(head, StandardCharsets.US_ASCII));
          if (code != null) {
            throw FaxageErrors.failure(code, what, credentials.company());
          }
          String type =
              response
                  .headers()
                  .firstValue("Content-Type")
                  .map(FaxageClient::mediaType)
                  .orElse(null);
          return DocumentDownload.save(
              body,
              target,
              response.headers().firstValueAsLong("Content-Length").orElse(-1),
              type,
              what);
        });
  }

  /** Marks fax {@code recvid} handled, so {@code listfax} with {@code unhandled} omits it. */
  void handled(FaxageCredentials credentials, long recvid) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("recvid", Long.toString(recvid));
    params.put("handled", "1");
    change(credentials, "handled", params, "handled of fax " + recvid);
  }

  /** Deletes fax {@code recvid} at Faxage. */
  void delfax(FaxageCredentials credentials, long recvid) {
    change(
        credentials, "delfax", Map.of("faxid", Long.toString(recvid)), "delfax of fax " + recvid);
  }

  /**
   * How many faxes the company stores and how many are handled; the cheapest call that proves the
   * credentials, so onboarding can use it to check them.
   */
  HandleCount handlecount(FaxageCredentials credentials) {
    String what = "handlecount";
    return call(
        credentials,
        "handlecount",
        Map.of(),
        what,
        response -> {
          String body = text(response);
          String code = FaxageErrors.code(body);
          if (code != null) {
            throw FaxageErrors.failure(code, what, credentials.company());
          }
          Matcher m = COUNTS.matcher(body);
          if (!m.matches()) {
            throw new ProviderException.Unavailable(
                what + ": Faxage answered something other than two counts");
          }
          return new HandleCount(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
        });
  }

  private void change(
      FaxageCredentials credentials, String operation, Map<String, String> params, String what) {
    call(
        credentials,
        operation,
        params,
        what,
        response -> {
          String code = FaxageErrors.code(text(response));
          if (code != null) {
            throw FaxageErrors.failure(code, what, credentials.company());
          }
          return null;
        });
  }

  /** Reads a successful (HTTP 200) answer; may throw {@link ProviderException}s. */
  @FunctionalInterface
  private interface Reader<T> {
    T read(HttpResponse<InputStream> response) throws IOException;
  }

  /**
   * One operation, tried up to {@code callAttempts} times: each attempt waits for the login's turn,
   * and each failure that waiting can cure (5xx, 429, resets, truncation, ERR01) pushes the next
   * turn out by the backoff. Failures waiting cannot cure (ERR02, ERR08, 404) are thrown at once.
   */
  private <T> T call(
      FaxageCredentials credentials,
      String operation,
      Map<String, String> params,
      String what,
      Reader<T> reader) {
    HttpRequest request = request(credentials, operation, params);
    String login = credentials.login();
    for (int attempt = 1; ; attempt++) {
      try {
        pacing.awaitTurn(login);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProviderException.Unavailable(what + " was interrupted", e);
      }
      try {
        T result = once(request, what, reader);
        pacing.succeeded(login);
        return result;
      } catch (ProviderException.Unavailable | ProviderException.RateLimited e) {
        Duration backoff = pacing.failed(login);
        if (attempt >= settings.callAttempts()) {
          throw e instanceof ProviderException.RateLimited limited
              ? new ProviderException.RateLimited(limited.getMessage(), backoff)
              : e;
        }
      }
    }
  }

  private <T> T once(HttpRequest request, String what, Reader<T> reader) {
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new ProviderException.Unavailable(what + " failed: " + e.getClass().getSimpleName(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException.Unavailable(what + " was interrupted", e);
    }
    try (InputStream body = response.body()) {
      int status = response.statusCode();
      if (status != 200) {
        throw statusFailure(status, what);
      }
      return reader.read(response);
    } catch (IOException e) {
      throw new ProviderException.Unavailable(
          what + " broke off: " + e.getClass().getSimpleName(), e);
    }
  }

  private ProviderException statusFailure(int status, String what) {
    return switch (status) {
      case 429 ->
          new ProviderException.RateLimited(
              what + " was refused with HTTP 429", settings.backoffBase());
      case 404 ->
          new ProviderException.Misconfigured(
              what + " answered HTTP 404; check faxbridge.faxage.endpoint");
      default -> new ProviderException.Unavailable(what + " answered HTTP " + status);
    };
  }

  private HttpRequest request(
      FaxageCredentials credentials, String operation, Map<String, String> params) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("username", credentials.username());
    form.put("company", credentials.company());
    form.put("password", credentials.password());
    form.put("operation", operation);
    form.putAll(params);
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return HttpRequest.newBuilder(settings.endpoint())
        .timeout(settings.requestTimeout())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static String text(HttpResponse<InputStream> response) throws IOException {
    return new String(response.body().readNBytes(MAX_TEXT), StandardCharsets.UTF_8);
  }

  private static String mediaType(String contentType) {
    return contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
  }
}
