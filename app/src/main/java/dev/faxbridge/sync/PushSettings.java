package dev.faxbridge.sync;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Push notifications: on only when faxbridge has a public base URL the provider can reach.
 *
 * @param publicBaseUrl faxbridge's address as the provider sees it ({@code
 *     https://faxbridge.example}); notifications go to {@code
 *     <publicBaseUrl>/webhooks/ringcentral/<connection id>}. Unset: no subscriptions, polling only
 * @param lifetime how long a subscription is asked to live
 * @param renewBefore renew a subscription that expires sooner than this
 * @param checkEvery how often a sync checks its connection's subscription at the provider (one
 *     Light request)
 */
@ConfigurationProperties("faxbridge.push")
public record PushSettings(
    URI publicBaseUrl,
    @DefaultValue("7d") Duration lifetime,
    @DefaultValue("2d") Duration renewBefore,
    @DefaultValue("15m") Duration checkEvery) {

  public PushSettings {
    if (publicBaseUrl != null
        && !("https".equals(publicBaseUrl.getScheme())
            || "http".equals(publicBaseUrl.getScheme()))) {
      throw new IllegalArgumentException(
          "faxbridge.push.public-base-url must be an http(s) URL, was " + publicBaseUrl);
    }
    if (renewBefore.compareTo(lifetime) >= 0) {
      throw new IllegalArgumentException(
          "faxbridge.push.renew-before must be shorter than lifetime ("
              + lifetime
              + "), was "
              + renewBefore);
    }
  }

  boolean enabled() {
    return publicBaseUrl != null;
  }
}
