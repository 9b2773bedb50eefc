package dev.faxbridge.provider.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.faxbridge.platform.ShutdownSignal;
import dev.faxbridge.provider.ProviderException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The lane arithmetic on a clock the test moves. With a maximum wait of zero, a call that would
 * have to wait fails at once, which makes "would it wait?" observable without sleeping.
 */
class RateLimitBudgetTest {

  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-27T10:00:00Z"));
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  private final RateLimitBudget budget =
      new RateLimitBudget(
          clock,
          new RateLimitSettings(
              Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ZERO, 1, Duration.ZERO),
          metrics,
          new ShutdownSignal());

  private RateLimitBudget.Lane lane(RateLimitGroup group) {
    return budget.lane("connection-1", group, () -> "clinic");
  }

  @Test
  void eachLaneReportsItsUseOfTheWindowAndWhenItIsClosed() {
    RateLimitBudget.Lane light = lane(RateLimitGroup.LIGHT);
    light.answered(
        light.acquire("call"), OptionalInt.of(50), OptionalInt.of(40), OptionalLong.of(60));
    RateLimitBudget.Lane medium = lane(RateLimitGroup.MEDIUM);
    medium.rejected(medium.acquire("call"), Duration.ofSeconds(30));

    assertThat(new RateLimitUse(budget).now())
        .containsExactly(
            new RateLimitUse.Lane(
                "connection-1", "clinic", "light", 10, 50, Duration.ofSeconds(60), null),
            new RateLimitUse.Lane(
                "connection-1",
                "clinic",
                "medium",
                1,
                RateLimitGroup.MEDIUM.defaultLimit(),
                Duration.ofSeconds(60),
                clock.instant().plusSeconds(30)));
    assertThat(new RateLimitUse(budget).now().get(0).percent()).isEqualTo(20);

    clock.advance(Duration.ofSeconds(61));
    assertThat(new RateLimitUse(budget).now())
        .extracting(RateLimitUse.Lane::used, RateLimitUse.Lane::closedUntil)
        .containsOnly(org.assertj.core.groups.Tuple.tuple(0, null));
  }

  @Test
  void beforeAnyAnswerTheDocumentedDefaultLimitApplies() {
    RateLimitBudget.Lane heavy = lane(RateLimitGroup.HEAVY);
    for (int i = 0; i < 10; i++) {
      heavy.answered(
          heavy.acquire("call"), OptionalInt.empty(), OptionalInt.empty(), OptionalLong.empty());
    }
    assertThatThrownBy(() -> heavy.acquire("eleventh call"))
        .isInstanceOf(ProviderException.RateLimited.class);

    clock.advance(Duration.ofSeconds(60));
    heavy.acquire("after the window");
  }

  @Test
  void theHeadersSetTheLimitAndWindow() {
    RateLimitBudget.Lane light = lane(RateLimitGroup.LIGHT);
    for (int i = 0; i < 3; i++) {
      light.answered(
          light.acquire("call"), OptionalInt.of(3), OptionalInt.of(2 - i), OptionalLong.of(5));
    }
    assertThatThrownBy(() -> light.acquire("fourth"))
        .isInstanceOf(ProviderException.RateLimited.class);
    clock.advance(Duration.ofSeconds(5));
    light.acquire("after five seconds");
  }

  @Test
  void useThatTheLaneDidNotMakeCountsAgainstItsBudget() {
    RateLimitBudget.Lane light = lane(RateLimitGroup.LIGHT);
    light.answered(
        light.acquire("call"), OptionalInt.of(10), OptionalInt.of(0), OptionalLong.of(60));

    assertThatThrownBy(() -> light.acquire("while someone else used it all"))
        .isInstanceOf(ProviderException.RateLimited.class);
  }

  @Test
  void aRejectionClosesTheLaneUntilRetryAfterAndOtherGroupsStayOpen() {
    RateLimitBudget.Lane medium = lane(RateLimitGroup.MEDIUM);
    medium.rejected(medium.acquire("call"), Duration.ofSeconds(30));

    assertThatThrownBy(() -> medium.acquire("during the penalty"))
        .isInstanceOfSatisfying(
            ProviderException.RateLimited.class,
            limited -> assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
    lane(RateLimitGroup.LIGHT).acquire("another group");
    budget.lane("connection-2", RateLimitGroup.MEDIUM, () -> "other").acquire("another connection");
    clock.advance(Duration.ofSeconds(30));
    medium.acquire("after Retry-After");
    assertThat(
            metrics.get("faxbridge.ratelimit.rejections").tag("group", "medium").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void aCallWaitingForBudgetGivesUpAsSoonAsTheNodeStops() throws Exception {
    ShutdownSignal shutdown = new ShutdownSignal();
    RateLimitBudget patient =
        new RateLimitBudget(
            clock,
            new RateLimitSettings(
                Duration.ofSeconds(60),
                Duration.ofSeconds(60),
                Duration.ofHours(1),
                1,
                Duration.ZERO),
            metrics,
            shutdown);
    RateLimitBudget.Lane light = patient.lane("connection-1", RateLimitGroup.LIGHT, () -> "clinic");
    light.rejected(light.acquire("call"), Duration.ofSeconds(60));
    CompletableFuture<RuntimeException> refusal = new CompletableFuture<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                light.acquire("paced call");
                refusal.complete(null);
              } catch (RuntimeException e) {
                refusal.complete(e);
              }
            });
    caller.start();
    await().until(() -> caller.getState() == Thread.State.TIMED_WAITING);

    shutdown.raise();

    assertThat(refusal.get(30, java.util.concurrent.TimeUnit.SECONDS))
        .isInstanceOf(ProviderException.RateLimited.class)
        .hasMessageContaining("faxbridge is stopping");
  }

  private static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration amount) {
      now = now.plus(amount);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
