package dev.faxbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.emulator.RingCentralEmulator;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few trials of the crash suite ({@link CrashRun}) in every build: faxbridge's runnable jar
 * (built by {@code app} earlier in the same build) as its own JVM, killed with SIGKILL at each
 * named point, once with a second node on the same external PostgreSQL that must take over. {@code
 * bench/run --parts=crash --trials=25} runs the long form; its report is in {@code
 * docs/reliability.md}.
 */
class CrashSuiteTest {

  private static final Path JAR = Path.of("../app/target/faxbridge.jar");

  @TempDir Path work;

  @Test
  void killedAtEachNamedPointFaxbridgeResumesWithin30sAndDeliversEveryFaxOnceUntouched() {
    assertThat(JAR).as("the app's runnable jar; build it with ./mvnw -pl app package").exists();
    CrashResult result;
    try (RingCentralEmulator emulator = RingCentralEmulator.builder().start();
        Postgres postgres = Postgres.start(work.resolve("postgres"))) {
      result =
          new CrashRun(
                  JAR,
                  "320m",
                  emulator,
                  emulator.createApp("faxbridge"),
                  postgres,
                  work.resolve("run"),
                  20261201L)
              .run(
                  List.of(
                      new CrashTrial(KillPoint.DELIVERED_NOT_RECORDED, false),
                      new CrashTrial(KillPoint.DOCUMENT_RENAMED, false),
                      new CrashTrial(KillPoint.PACED_WAIT, true)));
    }

    System.out.printf(
        "Crash suite: %d kills %s, %d faxes, lost %d, duplicated %d, rewritten %d, resumes %s%n",
        result.kills().size(),
        result.killsByPoint(),
        result.faxes(),
        result.lost(),
        result.duplicated(),
        result.rewritten(),
        result.resumes());
    assertThat(result.stall()).as("the run went through every kill and restart").isNull();
    assertThat(result.kills()).hasSize(3);
    assertThat(result.lost()).as("lost").isZero();
    assertThat(result.duplicated()).as("duplicated").isZero();
    assertThat(result.rewritten()).as("complete deliveries replaced after a restart").isZero();
    assertThat(result.resumes()).hasSize(4);
    assertThat(result.resumesOver(CrashRun.RESUME_LIMIT))
        .as("restarts that resumed later than 30 s: %s", result.resumes())
        .isZero();
  }
}
