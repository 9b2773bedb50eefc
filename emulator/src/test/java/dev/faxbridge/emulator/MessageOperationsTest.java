package dev.faxbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ringcentral.RestClient;
import com.ringcentral.RestException;
import com.ringcentral.definitions.DeleteMessageParameters;
import com.ringcentral.definitions.GetMessageInfoResponse;
import com.ringcentral.definitions.UpdateMessageRequest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MessageOperationsTest {

  private final Clinic clinic = new Clinic();

  @AfterEach
  void stop() {
    clinic.close();
  }

  private com.ringcentral.paths.restapi.account.extension.messagestore.Index message(
      RestClient rc, String id) {
    return rc.restapi().account().extension().messageStore(id);
  }

  @Test
  void getsOneMessageById() throws Exception {
    FaxMessage fax = clinic.fax(clinic.owner(), 2);

    GetMessageInfoResponse record = message(clinic.loginAsOwner(), fax.messageId()).get();

    assertThat(Long.toString(record.id)).isEqualTo(fax.messageId());
    assertThat(record.faxPageCount).isEqualTo(2L);
    assertThat(record.attachments[0].uri).startsWith(clinic.emu.mediaUrl().toString());
  }

  @Test
  void unknownMessageIsCmn102NotFound() {
    assertThatThrownBy(() -> message(clinic.loginAsOwner(), "123").get())
        .isInstanceOfSatisfying(
            RestException.class,
            e -> {
              assertThat(e.response.code()).isEqualTo(404);
              assertThat(e.getMessage()).contains("CMN-102");
            });
  }

  @Test
  void putReadStatusMarksTheFaxReadAndMovesLastModifiedTime() throws Exception {
    FaxMessage fax = clinic.fax(clinic.owner(), 1);
    clinic.emu.clock().advance(Duration.ofMinutes(3));

    GetMessageInfoResponse updated =
        message(clinic.loginAsOwner(), fax.messageId())
            .put(new UpdateMessageRequest().readStatus("Read"));

    assertThat(updated.readStatus).isEqualTo("Read");
    assertThat(updated.lastModifiedTime).isEqualTo("2026-11-27T10:03:00.000Z");
    assertThat(updated.creationTime).isEqualTo("2026-11-27T10:00:00.000Z");
    assertThat(clinic.emu.readStatus(clinic.account.id(), clinic.owner(), fax.messageId()))
        .isEqualTo("Read");
  }

  @Test
  void deleteTwiceMovesAliveToDeletedToPurgedAndDropsTheContent() throws Exception {
    FaxMessage fax = clinic.fax(clinic.owner(), 1);
    RestClient rc = clinic.loginAsOwner();
    String contentUri = message(rc, fax.messageId()).get().attachments[0].uri;

    message(rc, fax.messageId()).delete(new String[0]);
    String afterFirst = message(rc, fax.messageId()).get().availability;
    byte[] stillThere = rc.get(contentUri).bytes();
    message(rc, fax.messageId()).delete(new String[0]);
    GetMessageInfoResponse purged = message(rc, fax.messageId()).get();

    assertThat(afterFirst).isEqualTo("Deleted");
    assertThat((long) stillThere.length).isEqualTo(fax.size());
    assertThat(purged.availability).isEqualTo("Purged");
    assertThat(purged.attachments).isEmpty();
    assertThatThrownBy(() -> rc.get(contentUri))
        .isInstanceOfSatisfying(
            RestException.class, e -> assertThat(e.response.code()).isEqualTo(404));
  }

  @Test
  void deleteWithPurgeGoesStraightToPurged() throws Exception {
    FaxMessage fax = clinic.fax(clinic.owner(), 1);
    RestClient rc = clinic.loginAsOwner();

    message(rc, fax.messageId()).delete(new String[0], new DeleteMessageParameters().purge(true));

    assertThat(clinic.emu.availability(clinic.account.id(), clinic.owner(), fax.messageId()))
        .isEqualTo("Purged");
  }

  @Test
  void staffReadingBeforeSyncIsVisibleToTheClient() throws Exception {
    FaxMessage fax = clinic.fax(clinic.owner(), 1);

    clinic.emu.markRead(clinic.account.id(), clinic.owner(), fax.messageId());

    assertThat(message(clinic.loginAsOwner(), fax.messageId()).get().readStatus).isEqualTo("Read");
  }
}
