package dev.faxbridge.provider.ringcentral;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * faxbridge's RingCentral app and how to reach the platform.
 *
 * @param clientId the client id of the operator's public app (not the clinic's)
 * @param clientSecret the app's client secret
 * @param serverUrl the platform API, {@code https://platform.ringcentral.com} in production
 * @param mediaUrls hosts that may receive the access token when downloading an attachment URI; a
 *     URI on any other host is refused, so a token never leaves for an unknown server
 * @param tokenRefreshMargin renew an access token this long before it expires
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout how long one API call may take (downloads: until the first byte)
 * @param pageSize records asked for per message-store page (the platform's maximum is 1000)
 * @param downloadIdleTimeout a document transfer that receives no byte for this long is broken off
 *     (and resumed, within the call's attempts)
 * @param downloadTimeLimit the longest one document may take, across resumed requests
 * @param jwtAudience the platform address JWT credentials are issued for, when faxbridge reaches
 *     the platform through a gateway or proxy at {@code serverUrl}; unset, it is {@code serverUrl}
 */
@ConfigurationProperties("faxbridge.ringcentral")
public record RingCentralSettings(
    String clientId,
    String clientSecret,
    @DefaultValue("https://platform.ringcentral.com") URI serverUrl,
    @DefaultValue("https://media.ringcentral.com") List<URI> mediaUrls,
    @DefaultValue("5m") Duration tokenRefreshMargin,
    @DefaultValue("10s") Duration connectTimeout,
    @DefaultValue("60s") Duration requestTimeout,
    @DefaultValue("1000") int pageSize,
    @DefaultValue("30s") Duration downloadIdleTimeout,
    @DefaultValue("15m") Duration downloadTimeLimit,
    URI jwtAudience) {

  public RingCentralSettings {
    if (pageSize < 1 || pageSize > 1000) {
      throw new IllegalArgumentException(
          "faxbridge.ringcentral.page-size must be between 1 and 1000, was " + pageSize);
    }
    if (downloadIdleTimeout.isNegative()
        || downloadIdleTimeout.isZero()
        || downloadTimeLimit.compareTo(downloadIdleTimeout) < 0) {
      throw new IllegalArgumentException(
          "faxbridge.ringcentral.download-idle-timeout must be positive and at most"
              + " download-time-limit, were "
              + downloadIdleTimeout
              + " and "
              + downloadTimeLimit);
    }
    if (!"https".equals(serverUrl.getScheme()) && !isLoopback(serverUrl)) {
      throw new IllegalArgumentException(
          "faxbridge.ringcentral.server-url must be an https URL (plain http only for a local"
              + " emulator), was "
              + serverUrl);
    }
  }

  /** The platform address ({@code host[:port]}) a clinic's JWT credential must be made for. */
  public String audienceAuthority() {
    return (jwtAudience == null ? serverUrl : jwtAudience).getAuthority();
  }

  /** Fails with a message naming the missing setting when the app is not configured. */
  public void requireApp() {
    if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
      throw new IllegalStateException(
          "faxbridge's RingCentral app is not configured: set faxbridge.ringcentral.client-id and"
              + " faxbridge.ringcentral.client-secret (FAXBRIDGE_RINGCENTRAL_CLIENT_ID and"
              + " FAXBRIDGE_RINGCENTRAL_CLIENT_SECRET) to your public app's credentials from the"
              + " RingCentral developer console");
    }
  }

  static boolean isLoopback(URI uri) {
    String host = uri.getHost();
    return host != null
        && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
  }

  @Override
  public String toString() {
    return "RingCentralSettings[clientId="
        + clientId
        + ", serverUrl="
        + serverUrl
        + ", jwtAudience="
        + jwtAudience
        + ", mediaUrls="
        + mediaUrls
        + "]";
  }
}
