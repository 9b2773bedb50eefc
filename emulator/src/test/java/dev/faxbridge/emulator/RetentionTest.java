package dev.faxbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.ringcentral.definitions.ListMessagesParameters;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetentionTest {

  private final Clinic clinic = new Clinic();

  @AfterEach
  void stop() {
    clinic.close();
  }

  private long[] listedIds() throws Exception {
    return java.util.Arrays.stream(
            clinic
                .loginAsOwner()
                .restapi()
                .account()
                .extension()
                .messageStore()
                .list(new ListMessagesParameters().dateFrom("2026-01-01T00:00:00Z"))
                .records)
        .mapToLong(r -> r.id)
        .toArray();
  }

  @Test
  void faxesOlderThanTheRetentionDisappear() throws Exception {
    FaxMessage old = clinic.fax(clinic.owner(), 1);
    clinic.emu.clock().advance(Duration.ofDays(20));
    FaxMessage recent = clinic.fax(clinic.owner(), 1);
    clinic.emu.retention(Duration.ofDays(30), Integer.MAX_VALUE);
    clinic.emu.clock().advance(Duration.ofDays(11));

    assertThat(listedIds()).containsExactly(Long.parseLong(recent.messageId()));
    assertThat(Long.parseLong(old.messageId())).isNotIn(listedIds());
  }

  @Test
  void onlyTheNewestMessagesOfAMailboxAreKept() throws Exception {
    clinic.emu.retention(null, 2);
    FaxMessage first = clinic.fax(clinic.owner(), 1);
    clinic.emu.clock().advance(Duration.ofMinutes(1));
    FaxMessage second = clinic.fax(clinic.owner(), 1);
    clinic.emu.clock().advance(Duration.ofMinutes(1));
    FaxMessage third = clinic.fax(clinic.owner(), 1);

    assertThat(listedIds())
        .containsExactly(Long.parseLong(third.messageId()), Long.parseLong(second.messageId()))
        .doesNotContain(Long.parseLong(first.messageId()));
  }
}
