package dev.faxbridge.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PausePointsTest {

  @TempDir Path directory;

  @AfterEach
  void disarm() {
    PausePoints.disarm();
  }

  @Test
  void anUnarmedPointReturnsAtOnceAndWritesNothing() {
    PausePoints.reach(PausePoints.DOCUMENT_RENAMED);

    assertThat(directory).isEmptyDirectory();
  }

  @Test
  void anArmedPointHoldsTheThreadAndNamesItselfInTheMarkerUntilReleased() throws Exception {
    Path marker = directory.resolve("paused-at");
    PausePoints.arm(PausePoints.DELIVERED_NOT_RECORDED, marker);

    PausePoints.reach(PausePoints.DOCUMENT_RENAMED); // another point: passes
    CompletableFuture<Void> held =
        CompletableFuture.runAsync(() -> PausePoints.reach(PausePoints.DELIVERED_NOT_RECORDED));
    while (!Files.exists(marker)) {
      assertThat(held).isNotDone();
      Thread.onSpinWait();
    }

    assertThat(Files.readString(marker)).isEqualTo("delivered-not-recorded\n");
    assertThat(held).isNotDone();
    PausePoints.disarm();
    held.get(30, TimeUnit.SECONDS);
  }

  @Test
  void anUnknownPointIsRefusedWithItsName() {
    assertThatThrownBy(() -> new PauseSettings("between-the-lines", directory))
        .hasMessageContaining("faxbridge.testing.pause-at")
        .hasMessageContaining("between-the-lines");
  }
}
