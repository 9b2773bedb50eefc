package dev.faxbridge.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one backoff: doubling from its base, capped, jittered between half and all. */
class BackoffTest {

  @Test
  void doublesPerFailureUpToItsCap() {
    Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(10));
    assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(4));
    assertThat(backoff.after(3)).isEqualTo(Duration.ofSeconds(8));
    assertThat(backoff.after(4)).isEqualTo(Duration.ofSeconds(10));
    assertThat(backoff.after(1000)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void withoutACapItStopsDoublingAfterTwentyTimes() {
    Backoff backoff = Backoff.doubling(Duration.ofMillis(1));
    assertThat(backoff.after(21)).isEqualTo(Duration.ofMillis(1 << 20));
    assertThat(backoff.after(60)).isEqualTo(Duration.ofMillis(1 << 20));
  }

  @Test
  void jitterStaysBetweenHalfAndAllOfThePause() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
    for (int i = 0; i < 200; i++) {
      assertThat(backoff.jitteredAfter(3))
          .isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
    }
  }

  @Test
  void refusesACapBelowItsBase() {
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least its base");
  }
}
