package dev.faxbridge.provider.ringcentral;

import dev.faxbridge.provider.DocumentDigest;
import dev.faxbridge.provider.DocumentType;
import dev.faxbridge.provider.DownloadedDocument;
import dev.faxbridge.provider.ProviderException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The resumable download of a fax document: streamed to the staging file and hashed on the way; a
 * transfer that breaks off resumes with a {@code Range} request from the last byte received (or
 * starts again when the server ignores the range); the status, the media host, the announced type
 * and length, the declared size and the leading bytes are checked, so an error page or a cut-off
 * transfer is never taken for a fax.
 */
final class ResumableDownload {

  private final RingCentralSettings settings;
  private final ApiRequests api;
  private final TransferWatchdog watchdog = new TransferWatchdog();

  ResumableDownload(RingCentralSettings settings, ApiRequests api) {
    this.settings = settings;
    this.api = api;
  }

  /**
   * Streams a fax document to {@code target}, hashing it on the way. Checks the status, that the
   * host may receive our token, the announced type and length, the declared size and the leading
   * bytes, so an error page or a cut-off transfer is never taken for a fax. A transfer that breaks
   * off is resumed with a {@code Range} request from the last byte received (RingCentral's media
   * host answers 206), or started again when the server ignores the range.
   */
  DownloadedDocument fetch(
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
    return api.withRetries(
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
        api.exchange(lane, builder.build(), HttpResponse.BodyHandlers.ofInputStream(), what);
    try (InputStream body = response.body()) {
      int status = response.statusCode();
      if (status == 416 && resuming) {
        transfer.restart();
        throw new ProviderException.Unavailable(what + ": range refused, starting again");
      }
      if (status != 200 && status != 206) {
        String text = new String(body.readNBytes(4096), StandardCharsets.UTF_8);
        throw api.apiFailure(status, response.headers(), text, what);
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

  /** {@code Content-Range: bytes start-end/total} of a 206 answer. */
  private record ContentRange(long start, long total) {
    static ContentRange parse(Optional<String> header) {
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
   * One document transfer across resumed requests: the staging file and its {@link DocumentDigest}.
   * Bytes are hashed exactly as they are written, so a resumed file hashes whole.
   */
  private static final class Transfer {
    private final Path target;
    private final DocumentDigest digest = new DocumentDigest();
    private long total = -1;
    private String contentType;

    Transfer(Path target) {
      this.target = target;
    }

    long received() {
      return digest.received();
    }

    void restart() {
      digest.restart();
      total = -1;
    }

    void begin(String contentType, long total) {
      this.contentType = contentType;
      this.total = total;
    }

    void copy(InputStream body, String what) throws IOException {
      OpenOption[] mode =
          digest.received() == 0
              ? new OpenOption[] {
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE
              }
              : new OpenOption[] {StandardOpenOption.WRITE, StandardOpenOption.APPEND};
      try (OutputStream out = Files.newOutputStream(target, mode)) {
        digest.copy(body, out);
      }
      long received = digest.received();
      if (total >= 0 && received < total) {
        throw new ProviderException.Unavailable(
            what + " was cut off: received " + received + " of " + total + " bytes");
      }
    }

    DownloadedDocument finish(Long declaredSize, String what) {
      long received = digest.received();
      if (total >= 0 && received != total) {
        throw failedCheck(
            what + " delivered " + received + " bytes where " + total + " were announced");
      }
      if (declaredSize != null && declaredSize > 0 && received != declaredSize) {
        throw failedCheck(
            what + " delivered " + received + " bytes where the message declared " + declaredSize);
      }
      if (!DocumentType.startsLike(contentType, digest.head())) {
        throw failedCheck(what + " delivered bytes that are not a " + contentType + " document");
      }
      return new DownloadedDocument(target, received, digest.sha256(), contentType);
    }

    /** A complete but wrong document: the next attempt starts from the first byte. */
    private ProviderException.Unavailable failedCheck(String message) {
      restart();
      return new ProviderException.Unavailable(message);
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
}
