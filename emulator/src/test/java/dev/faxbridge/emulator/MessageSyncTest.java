package dev.faxbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ringcentral.RestClient;
import com.ringcentral.RestException;
import com.ringcentral.definitions.GetMessageSyncResponse;
import com.ringcentral.definitions.SyncMessagesParameters;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MessageSyncTest {

  private final Clinic clinic = new Clinic();

  @AfterEach
  void stop() {
    clinic.close();
  }

  private GetMessageSyncResponse sync(RestClient rc, SyncMessagesParameters params)
      throws Exception {
    return rc.restapi().account().extension().messageSync().get(params);
  }

  private static SyncMessagesParameters fullSync() {
    return new SyncMessagesParameters()
        .syncType("FSync")
        .messageType(new String[] {"Fax"})
        .direction(new String[] {"Inbound"});
  }

  private static SyncMessagesParameters incremental(GetMessageSyncResponse previous) {
    return new SyncMessagesParameters().syncType("ISync").syncToken(previous.syncInfo.syncToken);
  }

  @Test
  void fullSyncReturnsTheFrameAndAToken() throws Exception {
    FaxMessage older = clinic.fax(clinic.owner(), 1);
    clinic.emu.clock().advance(Duration.ofMinutes(1));
    FaxMessage newer = clinic.fax(clinic.owner(), 2);

    GetMessageSyncResponse full = sync(clinic.loginAsOwner(), fullSync());

    assertThat(ids(full)).containsExactly(newer.messageId(), older.messageId());
    assertThat(full.syncInfo.syncType).isEqualTo("FSync");
    assertThat(full.syncInfo.syncToken).isNotBlank();
    assertThat(full.syncInfo.syncTime).isEqualTo("2026-11-27T10:01:00.000Z");
    assertThat(full.syncInfo.olderRecordsExist).isFalse();
  }

  @Test
  void incrementalSyncReturnsOnlyNewAndChangedRecords() throws Exception {
    FaxMessage untouched = clinic.fax(clinic.owner(), 1);
    FaxMessage readLater = clinic.fax(clinic.owner(), 1);
    FaxMessage deletedLater = clinic.fax(clinic.owner(), 1);
    clinic.emu.clock().advance(Duration.ofSeconds(10)); // beyond the 5 s overlap
    RestClient rc = clinic.loginAsOwner();
    GetMessageSyncResponse full = sync(rc, fullSync());
    clinic.emu.clock().advance(Duration.ofMinutes(1));
    FaxMessage arrived = clinic.fax(clinic.owner(), 3);
    clinic.emu.markRead(clinic.account.id(), clinic.owner(), readLater.messageId());
    clinic.emu.delete(clinic.account.id(), clinic.owner(), deletedLater.messageId());

    GetMessageSyncResponse delta = sync(rc, incremental(full));

    assertThat(delta.syncInfo.syncType).isEqualTo("ISync");
    assertThat(ids(delta))
        .containsExactlyInAnyOrder(
            arrived.messageId(), readLater.messageId(), deletedLater.messageId())
        .doesNotContain(untouched.messageId());
    assertThat(delta.records)
        .filteredOn(r -> Long.toString(r.id).equals(deletedLater.messageId()))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.availability).isEqualTo("Deleted");
              assertThat(r.attachments).isNull();
            });
  }

  @Test
  void incrementalSyncWithNothingNewIsEmptyAndChainsTokens() throws Exception {
    clinic.fax(clinic.owner(), 1);
    clinic.emu.clock().advance(Duration.ofSeconds(10)); // beyond the 5 s overlap
    RestClient rc = clinic.loginAsOwner();
    GetMessageSyncResponse full = sync(rc, fullSync());
    clinic.emu.clock().advance(Duration.ofMinutes(1));
    GetMessageSyncResponse first = sync(rc, incremental(full));
    clinic.emu.clock().advance(Duration.ofMinutes(1));
    FaxMessage later = clinic.fax(clinic.owner(), 1);
    clinic.emu.clock().advance(Duration.ofMinutes(1));

    GetMessageSyncResponse second = sync(rc, incremental(first));

    assertThat(first.records).isEmpty();
    assertThat(ids(second)).containsExactly(later.messageId());
  }

  @Test
  void changesWithinFiveSecondsBeforeTheSyncAreRepeated() throws Exception {
    RestClient rc = clinic.loginAsOwner();
    clinic.emu.clock().advance(Duration.ofSeconds(10));
    FaxMessage justBefore = clinic.fax(clinic.owner(), 1);
    clinic.emu.clock().advance(Duration.ofSeconds(2));
    GetMessageSyncResponse full = sync(rc, fullSync());

    GetMessageSyncResponse delta = sync(rc, incremental(full));

    assertThat(ids(full)).contains(justBefore.messageId());
    assertThat(ids(delta)).containsExactly(justBefore.messageId());
  }

  @Test
  void backDatedFaxStillCountsAsNew() throws Exception {
    RestClient rc = clinic.loginAsOwner();
    GetMessageSyncResponse full = sync(rc, fullSync());
    clinic.emu.clock().advance(Duration.ofMinutes(10));
    FaxMessage late =
        clinic.faxToOwner(
            InboundFaxSpec.of("+15551230001", "+15559870001", 1)
                .receivedAt(Clinic.START.minus(Duration.ofMinutes(30))));

    GetMessageSyncResponse delta = sync(rc, incremental(full));

    assertThat(ids(delta)).containsExactly(late.messageId());
  }

  @Test
  void recordCountCapsTheAnswerAndFlagsOlderRecords() throws Exception {
    for (int i = 0; i < 3; i++) {
      clinic.fax(clinic.owner(), 1);
      clinic.emu.clock().advance(Duration.ofSeconds(1));
    }

    GetMessageSyncResponse full = sync(clinic.loginAsOwner(), fullSync().recordCount(2L));

    assertThat(full.records).hasSize(2);
    assertThat(full.syncInfo.olderRecordsExist).isTrue();
  }

  @Test
  void unknownSyncTokenRequiresAFullSync() {
    assertThatThrownBy(
            () ->
                sync(
                    clinic.loginAsOwner(),
                    new SyncMessagesParameters().syncType("ISync").syncToken("SYNC.unknown")))
        .isInstanceOfSatisfying(
            RestException.class,
            e -> {
              assertThat(e.response.code()).isEqualTo(400);
              assertThat(e.getMessage()).contains("MSG-333");
            });
  }

  /** The message ids of a sync's records, in their order. */
  private static List<String> ids(GetMessageSyncResponse response) {
    return Arrays.stream(response.records).map(r -> Long.toString(r.id)).toList();
  }
}
