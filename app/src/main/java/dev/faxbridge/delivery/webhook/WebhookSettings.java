package dev.faxbridge.delivery.webhook;

import java.net.URI;
import java.time.Duration;

/**
 * One webhook destination.
 *
 * @param url where faxes are POSTed, http or https
 * @param secret the shared HMAC secret the receiver checks {@code X-Faxbridge-Signature} with; at
 *     least 16 characters
 * @param timeout for connecting and for the receiver's answer; default 30 seconds
 * @param location the location label carried in the metadata, or null
 * @param documentLink true: the request carries a short-lived signed download URL of the document
 *     instead of the document itself (JSON instead of multipart)
 */
public record WebhookSettings(
    URI url, String secret, Duration timeout, String location, boolean documentLink) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  public WebhookSettings {
    if (url == null
        || url.getHost() == null
        || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
      throw new IllegalArgumentException(
          "A webhook destination needs an absolute http or https URL, was '" + url + "'");
    }
    if (secret == null || secret.length() < 16) {
      throw new IllegalArgumentException(
          "A webhook destination needs a secret of at least 16 characters");
    }
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("The webhook timeout must be positive, was " + timeout);
    }
  }

  /** A webhook that sends the document in the request. */
  public WebhookSettings(URI url, String secret, Duration timeout, String location) {
    this(url, secret, timeout, location, false);
  }

  @Override
  public String toString() {
    return "WebhookSettings[url="
        + url.getScheme()
        + "://"
        + url.getHost()
        + ", timeout="
        + timeout
        + ", location="
        + location
        + ", documentLink="
        + documentLink
        + "]";
  }
}
