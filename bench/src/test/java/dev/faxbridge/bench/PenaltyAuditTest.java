package dev.faxbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.emulator.LoggedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PenaltyAuditTest {

  private static final Instant T0 = Instant.parse("2026-11-28T00:00:00Z");
  private static final Duration PENALTY = Duration.ofSeconds(6);
  private static final Map<String, String> ACCOUNTS = Map.of("11", "1", "22", "2");

  @Test
  void requestOfTheSameAccountAndGroupBeforeRetryAfterIsDuringThePenalty() {
    PenaltyAudit audit =
        PenaltyAudit.of(
            List.of(download(0, "11", 429), download(3_000, "11", 429), download(9_500, "11", 200)),
            ACCOUNTS,
            PENALTY);

    assertThat(audit.rejected()).isEqualTo(2);
    assertThat(audit.duringPenalty()).isEqualTo(1);
    assertThat(audit.calls("Medium")).isEqualTo(3);
  }

  @Test
  void otherAccountsAndOtherGroupsAreSeparateBuckets() {
    PenaltyAudit audit =
        PenaltyAudit.of(
            List.of(
                download(0, "11", 429),
                download(1_000, "22", 200),
                new LoggedRequest(
                    T0.plusMillis(1_500),
                    "GET",
                    "/restapi/v1.0/account/~/extension/11/message-store",
                    null,
                    200,
                    "Light",
                    null,
                    null),
                download(6_000, "11", 200)),
            ACCOUNTS,
            PENALTY);

    assertThat(audit.duringPenalty()).isZero();
  }

  @Test
  void callerAccountInTheLogWinsOverThePath() {
    PenaltyAudit audit =
        PenaltyAudit.of(
            List.of(
                download(0, "11", 429),
                new LoggedRequest(
                    T0.plusMillis(1_000),
                    "GET",
                    "/restapi/v1.0/account/~/extension",
                    null,
                    200,
                    "Medium",
                    "2",
                    "22")),
            ACCOUNTS,
            PENALTY);

    assertThat(audit.duringPenalty()).isZero();
  }

  @Test
  void requestOfNoKnownAccountCountsWhenAnyPenaltyOfItsGroupRuns() {
    PenaltyAudit audit =
        PenaltyAudit.of(
            List.of(
                download(0, "11", 429),
                new LoggedRequest(
                    T0.plusMillis(2_000),
                    "GET",
                    "/restapi/v1.0/account/~/extension",
                    null,
                    200,
                    "Medium",
                    null,
                    null)),
            ACCOUNTS,
            PENALTY);

    assertThat(audit.duringPenalty()).isEqualTo(1);
  }

  private static LoggedRequest download(long ms, String extension, int status) {
    return new LoggedRequest(
        T0.plusMillis(ms),
        "GET",
        "/restapi/v1.0/account/"
            + ACCOUNTS.get(extension)
            + "/extension/"
            + extension
            + "/message-store/5/content/6",
        null,
        status,
        "Medium",
        null,
        null);
  }
}
