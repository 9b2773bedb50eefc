package dev.faxbridge.provider.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.connection.TokenSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Thousands of access tokens issued in the same minute (a migration wave, a restart after an
 * outage) are not renewed in the same minute an hour later: each connection renews at its own point
 * between half the token's life and the refresh margin before expiry.
 */
class RenewalSpreadTest {

  private static final Instant ISSUED = Instant.parse("2026-12-01T10:00:00Z");
  private static final Duration MARGIN = Duration.ofMinutes(5);
  private final TokenSet tokens =
      new TokenSet("access", "refresh", ISSUED, ISSUED.plus(Duration.ofHours(1)), null);

  @Test
  void tokensIssuedTogetherAreRenewedAcrossTheSecondHalfOfTheirLife() {
    Map<Long, Integer> perMinute = new HashMap<>();
    int connections = 2_000;
    for (int i = 0; i < connections; i++) {
      ConnectionId connection = ConnectionId.random();
      Instant at = RingCentralSession.renewAt(connection, tokens, MARGIN);

      assertThat(at)
          .isBetween(ISSUED.plus(Duration.ofMinutes(30)), ISSUED.plus(Duration.ofMinutes(55)));
      assertThat(RingCentralSession.renewAt(connection, tokens, MARGIN))
          .as("the same connection always renews at the same point")
          .isEqualTo(at);
      perMinute.merge(Duration.between(ISSUED, at).toMinutes(), 1, Integer::sum);
    }

    assertThat(perMinute).as("minutes with renewals").hasSize(25);
    assertThat(perMinute.values())
        .as("renewals in the busiest minute (an even spread puts 80 in each)")
        .allMatch(count -> count < connections / 10);
  }

  @Test
  void aTokenTooShortLivedToSpreadIsRenewedAtTheMargin() {
    TokenSet shortLived =
        new TokenSet("access", null, ISSUED, ISSUED.plus(Duration.ofMinutes(8)), null);

    assertThat(RingCentralSession.renewAt(ConnectionId.random(), shortLived, MARGIN))
        .isEqualTo(ISSUED.plus(Duration.ofMinutes(3)));
  }
}
