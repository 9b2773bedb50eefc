package dev.faxbridge.provider.faxage;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How faxbridge reaches Faxage and how politely it calls. Faxage publishes no rate limit, so the
 * defaults are conservative: one call per login per second, and a doubling pause after each failed
 * call.
 *
 * @param endpoint the API endpoint, {@code https://api.faxage.com/httpsfax.php} in production
 * @param timeZone the zone of the receive times {@code listfax} shows (unverified, see
 *     docs/faxage.md)
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout how long one call may take (downloads: until the first byte)
 * @param minInterval the least time between two calls of one login
 * @param backoffBase the pause after the first failed call of a login; doubles per further failure
 * @param backoffMax the longest pause after failures
 * @param callAttempts attempts of one call on 5xx, resets, truncation or ERR01 before the failure
 *     goes to the caller
 */
@ConfigurationProperties("faxbridge.faxage")
public record FaxageSettings(
    @DefaultValue("https://api.faxage.com/httpsfax.php") URI endpoint,
    @DefaultValue("America/Denver") ZoneId timeZone,
    @DefaultValue("10s") Duration connectTimeout,
    @DefaultValue("60s") Duration requestTimeout,
    @DefaultValue("1s") Duration minInterval,
    @DefaultValue("2s") Duration backoffBase,
    @DefaultValue("5m") Duration backoffMax,
    @DefaultValue("3") int callAttempts) {

  public FaxageSettings {
    if (!"https".equals(endpoint.getScheme()) && !isLoopback(endpoint)) {
      throw new IllegalArgumentException(
          "faxbridge.faxage.endpoint must be an https URL (plain http only for a local emulator),"
              + " was "
              + endpoint);
    }
    requirePositive("connect-timeout", connectTimeout);
    requirePositive("request-timeout", requestTimeout);
    requireNotNegative("min-interval", minInterval);
    requireNotNegative("backoff-base", backoffBase);
    if (backoffMax.compareTo(backoffBase) < 0) {
      throw new IllegalArgumentException(
          "faxbridge.faxage.backoff-max must be at least backoff-base ("
              + backoffBase
              + "), was "
              + backoffMax);
    }
    if (callAttempts < 1 || callAttempts > 10) {
      throw new IllegalArgumentException(
          "faxbridge.faxage.call-attempts must be between 1 and 10, was " + callAttempts);
    }
  }

  private static void requirePositive(String name, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(
          "faxbridge.faxage." + name + " must be positive, was " + value);
    }
  }

  private static void requireNotNegative(String name, Duration value) {
    if (value.isNegative()) {
      throw new IllegalArgumentException(
          "faxbridge.faxage." + name + " must not be negative, was " + value);
    }
  }

  private static boolean isLoopback(URI uri) {
    String host = uri.getHost();
    return host != null
        && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
  }
}
