package dev.faxbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A rate-limited sync is due at its lane's opening, to the microsecond; the alarm that wakes the
 * scheduler for it must not ring before that, or the scheduler finds nothing due and the sync waits
 * for the next poll.
 */
class ResumeAlarmTest {

  private static final long SLOT_MILLIS = ResumeAlarm.SLOT.toMillis();

  private static Instant slotStart(long slot) {
    return Instant.ofEpochMilli(slot * SLOT_MILLIS);
  }

  @Test
  void aDueTimeJustAfterASlotStartsWakesAtTheNextSlotNotTheOneBefore() {
    Instant boundary = Instant.parse("2026-12-01T10:00:00Z");
    Instant due = boundary.plusNanos(400_000); // 0.4 ms into the slot

    long slot = ResumeAlarm.slotAtOrAfter(due);

    assertThat(slotStart(slot)).isAfterOrEqualTo(due).isEqualTo(boundary.plus(ResumeAlarm.SLOT));
  }

  @Test
  void aDueTimeOnASlotBoundaryWakesAtThatBoundary() {
    Instant boundary = Instant.parse("2026-12-01T10:00:00.025Z");

    assertThat(slotStart(ResumeAlarm.slotAtOrAfter(boundary))).isEqualTo(boundary);
  }

  @Test
  void everyDueTimeWakesNoEarlierThanItAndWithinOneSlot() {
    Instant start = Instant.parse("2026-12-01T10:00:00Z");
    for (long micros = 0; micros < 3 * SLOT_MILLIS * 1000; micros += 37) {
      Instant due = start.plus(Duration.ofNanos(micros * 1000 + 123));

      Instant wake = slotStart(ResumeAlarm.slotAtOrAfter(due));

      assertThat(wake).isAfterOrEqualTo(due).isBefore(due.plus(ResumeAlarm.SLOT));
    }
  }
}
