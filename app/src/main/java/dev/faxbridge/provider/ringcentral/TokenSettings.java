package dev.faxbridge.provider.ringcentral;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How faxbridge keeps RingCentral authorizations alive.
 *
 * @param keepAliveAfter a refresh token unused for this long is refreshed by the keep-alive job;
 *     RingCentral lets a refresh token die after 7 days unused, so this must stay well below that
 * @param keepAliveEvery how often the keep-alive job looks for such tokens
 * @param authCallsPerMinute token-endpoint calls allowed per RingCentral user and window (the cap
 *     of its Auth lane); RingCentral's Auth group allows 5 per app and user, and a 429 there blocks
 *     the user for a minute
 */
@ConfigurationProperties("faxbridge.tokens")
public record TokenSettings(
    @DefaultValue("1d") Duration keepAliveAfter,
    @DefaultValue("1h") Duration keepAliveEvery,
    @DefaultValue("5") int authCallsPerMinute) {

  public TokenSettings {
    if (keepAliveAfter.isNegative()
        || keepAliveAfter.isZero()
        || keepAliveAfter.compareTo(Duration.ofDays(6)) > 0) {
      throw new IllegalArgumentException(
          "faxbridge.tokens.keep-alive-after must be between 0 and 6 days (refresh tokens die after"
              + " 7 days unused), was "
              + keepAliveAfter);
    }
    if (keepAliveEvery.isNegative() || keepAliveEvery.isZero()) {
      throw new IllegalArgumentException(
          "faxbridge.tokens.keep-alive-every must be positive, was " + keepAliveEvery);
    }
    if (authCallsPerMinute < 1) {
      throw new IllegalArgumentException(
          "faxbridge.tokens.auth-calls-per-minute must be at least 1, was " + authCallsPerMinute);
    }
  }
}
