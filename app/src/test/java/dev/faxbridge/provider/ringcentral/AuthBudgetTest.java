package dev.faxbridge.provider.ringcentral;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.provider.ProviderException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The Auth group allows 5 token calls a minute per app and user; faxbridge never sends a 6th. */
class AuthBudgetTest {

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-03-01T10:00:00Z"));
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneId.of("America/Chicago");
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };

  @Test
  void theSixthTokenCallWithinAMinuteIsHeldBackUntilTheOldestLeavesTheWindow() {
    AuthBudget budget = new AuthBudget(5, clock);
    ConnectionId connection = ConnectionId.random();
    for (int i = 0; i < 5; i++) {
      budget.spend(connection);
      now.set(now.get().plusSeconds(5));
    }

    assertThatThrownBy(() -> budget.spend(connection))
        .isInstanceOfSatisfying(
            ProviderException.RateLimited.class,
            limited ->
                org.assertj.core.api.Assertions.assertThat(limited.retryAfter())
                    .isEqualTo(Duration.ofSeconds(35)));
    assertThatCode(() -> budget.spend(ConnectionId.random()))
        .as("another connection has its own budget")
        .doesNotThrowAnyException();

    now.set(now.get().plusSeconds(35));
    assertThatCode(() -> budget.spend(connection)).doesNotThrowAnyException();
  }
}
