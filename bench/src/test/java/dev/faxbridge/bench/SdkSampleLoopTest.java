package dev.faxbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.emulator.ClientApp;
import dev.faxbridge.emulator.FaxMessage;
import dev.faxbridge.emulator.RingCentralEmulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness's smoke test: the baseline loop against a real emulator, in a few seconds. */
class SdkSampleLoopTest {

  @Test
  void drainsEveryFaxSleepingRetryAfterOnEach429(@TempDir Path directory) throws Exception {
    try (RingCentralEmulator emulator = RingCentralEmulator.builder().start()) {
      ClientApp faxbridge = emulator.createApp("faxbridge");
      ClientApp sdk = emulator.createApp("sdk-sample");
      emulator.rateLimitTiming(Duration.ofSeconds(1), Duration.ofSeconds(1));
      emulator.rateLimit("Medium", 4);
      BenchClinic clinic = BenchClinic.create(emulator, "Smoke clinic", 2, faxbridge, sdk);
      Map<String, FaxMessage> backlog = new HashMap<>();
      clinic.receiveBacklog(emulator, 3).forEach(f -> backlog.put(f.messageId(), f));
      Map<String, String> accounts = new HashMap<>();
      clinic.mailboxIds().forEach(m -> accounts.put(m, clinic.account().id()));

      int verified =
          new SdkSampleLoop(sdk, emulator.platformUrl().toString())
              .drain(List.of(clinic), backlog, directory);

      PenaltyAudit audit = PenaltyAudit.of(emulator.requestLog(), accounts, Duration.ofSeconds(1));
      assertThat(verified).isEqualTo(6);
      assertThat(audit.rejected()).isPositive();
      assertThat(audit.duringPenalty()).isZero();
    }
  }
}
