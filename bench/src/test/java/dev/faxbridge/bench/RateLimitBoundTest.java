package dev.faxbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitBoundTest {

  private static final Duration WINDOW = Duration.ofSeconds(6);

  @Test
  void fortyCallsFitInOneWindowAndTheFortyFirstWaitsForTheNext() {
    assertThat(RateLimitBound.of("Medium", 40, 40, WINDOW).minimum()).isZero();
    assertThat(RateLimitBound.of("Medium", 41, 40, WINDOW).minimum()).isEqualTo(WINDOW);
  }

  @Test
  void backlogIsBoundByMediumDownloadsPlusTheExtensionList() {
    RateLimitBound bound = RateLimitBound.forBacklog(2, 100, WINDOW);

    assertThat(bound.group()).isEqualTo("Medium");
    assertThat(bound.calls()).isEqualTo(201);
    assertThat(bound.minimum()).isEqualTo(WINDOW.multipliedBy(5));
  }

  @Test
  void manyEmptyMailboxesAreBoundByLightListings() {
    RateLimitBound bound = RateLimitBound.forBacklog(120, 0, WINDOW);

    assertThat(bound.group()).isEqualTo("Light");
    assertThat(bound.calls()).isEqualTo(121);
    assertThat(bound.minimum()).isEqualTo(WINDOW.multipliedBy(2));
  }
}
