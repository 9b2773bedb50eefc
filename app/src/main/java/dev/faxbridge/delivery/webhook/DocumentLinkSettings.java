package dev.faxbridge.delivery.webhook;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Signed download links of fax documents (webhook destinations with {@code document: link}).
 *
 * @param baseUrl how receivers reach this faxbridge, e.g. {@code https://faxbridge.example}; links
 *     are {@code <baseUrl>/documents/<token>}. Without it, link-mode webhooks wait (retry) with a
 *     reason
 * @param ttl how long a link works; default 15 minutes
 * @param directory where the documents of live links are kept (owner-only files); default {@code
 *     ./data/links}
 */
@ConfigurationProperties("faxbridge.delivery.document-links")
public record DocumentLinkSettings(
    URI baseUrl, @DefaultValue("15m") Duration ttl, @DefaultValue("./data/links") Path directory) {

  public DocumentLinkSettings {
    if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(Duration.ofDays(7)) > 0) {
      throw new IllegalArgumentException(
          "faxbridge.delivery.document-links.ttl must be positive and at most 7 days, was " + ttl);
    }
  }
}
