package dev.faxbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ringcentral.RestClient;
import com.ringcentral.RestException;
import com.ringcentral.Utils;
import com.ringcentral.definitions.GetMessageInfoResponse;
import com.ringcentral.definitions.GetMessageList;
import com.ringcentral.definitions.ListMessagesParameters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MessageListTest {

  private final Clinic clinic = new Clinic();

  @AfterEach
  void stop() {
    clinic.close();
  }

  private static ListMessagesParameters inboundFaxes() {
    return new ListMessagesParameters()
        .messageType(new String[] {"Fax"})
        .direction(new String[] {"Inbound"});
  }

  private GetMessageList list(RestClient rc, String extensionId, ListMessagesParameters params)
      throws Exception {
    return rc.restapi().account().extension(extensionId).messageStore().list(params);
  }

  @Test
  void recordCarriesTheSpecFieldsWithAttachmentOnTheMediaHost() throws Exception {
    FaxMessage fax =
        clinic.faxToOwner(
            InboundFaxSpec.of("+15551230001", "+15559870001", 3).senderName("Acme Labs"));

    GetMessageList list = list(clinic.loginAsOwner(), "~", inboundFaxes());

    assertThat(list.records).hasSize(1);
    GetMessageInfoResponse record = list.records[0];
    assertThat(record.id).isEqualTo(Long.parseLong(fax.messageId()));
    assertThat(record.extensionId).isEqualTo(clinic.owner());
    assertThat(record.type).isEqualTo("Fax");
    assertThat(record.direction).isEqualTo("Inbound");
    assertThat(record.from.phoneNumber).isEqualTo("+15551230001");
    assertThat(record.from.name).isEqualTo("Acme Labs");
    assertThat(record.to[0].phoneNumber).isEqualTo("+15559870001");
    assertThat(record.creationTime).isEqualTo("2026-11-27T10:00:00.000Z");
    assertThat(record.lastModifiedTime).isEqualTo("2026-11-27T10:00:00.000Z");
    assertThat(record.readStatus).isEqualTo("Unread");
    assertThat(record.messageStatus).isEqualTo("Received");
    assertThat(record.availability).isEqualTo("Alive");
    assertThat(record.priority).isEqualTo("Normal");
    assertThat(record.faxPageCount).isEqualTo(3L);
    assertThat(record.faxResolution).isEqualTo("High");
    assertThat(record.attachments).hasSize(1);
    assertThat(record.attachments[0].id).isEqualTo(Long.parseLong(fax.attachmentId()));
    assertThat(record.attachments[0].type).isEqualTo("RenderedDocument");
    assertThat(record.attachments[0].contentType).isEqualTo("application/pdf");
    assertThat(record.attachments[0].size).isEqualTo(fax.size());
    assertThat(record.attachments[0].uri)
        .startsWith(clinic.emu.mediaUrl().toString())
        .endsWith("/message-store/" + fax.messageId() + "/content/" + fax.attachmentId());
    assertThat(record.uri).startsWith(clinic.emu.platformUrl().toString());
  }

  @Test
  void listsNewestFirst() throws Exception {
    List<String> delivered = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      delivered.add(clinic.fax(clinic.owner(), 1).messageId());
      clinic.emu.clock().advance(Duration.ofMinutes(5));
    }

    GetMessageList list = list(clinic.loginAsOwner(), "~", inboundFaxes());

    assertThat(list.records)
        .extracting(r -> Long.toString(r.id))
        .containsExactly(delivered.get(2), delivered.get(1), delivered.get(0));
  }

  @Test
  void withoutDateFromOnlyTheLast24HoursAreListed() throws Exception {
    FaxMessage old = clinic.fax(clinic.owner(), 1);
    clinic.emu.clock().advance(Duration.ofHours(25));
    FaxMessage recent = clinic.fax(clinic.owner(), 1);
    RestClient rc = clinic.loginAsOwner();

    GetMessageList defaultWindow = list(rc, "~", inboundFaxes());
    GetMessageList explicitWindow =
        list(rc, "~", inboundFaxes().dateFrom("2026-11-27T00:00:00.000Z"));

    assertThat(defaultWindow.records)
        .extracting(r -> Long.toString(r.id))
        .containsExactly(recent.messageId());
    assertThat(explicitWindow.records)
        .extracting(r -> Long.toString(r.id))
        .containsExactly(recent.messageId(), old.messageId());
  }

  @Test
  void dateToBoundsTheWindowAndShiftsTheDefaultDateFrom() throws Exception {
    FaxMessage first = clinic.fax(clinic.owner(), 1);
    clinic.emu.clock().advance(Duration.ofHours(2));
    clinic.fax(clinic.owner(), 1);

    GetMessageList list =
        list(clinic.loginAsOwner(), "~", inboundFaxes().dateTo("2026-11-27T11:00:00Z"));

    assertThat(list.records)
        .extracting(r -> Long.toString(r.id))
        .containsExactly(first.messageId());
  }

  @Test
  void pagesFollowNavigationUntilTheLastPage() throws Exception {
    List<String> delivered = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      delivered.add(0, clinic.fax(clinic.owner(), 1).messageId());
      clinic.emu.clock().advance(Duration.ofSeconds(1));
    }
    RestClient rc = clinic.loginAsOwner();

    GetMessageList page = list(rc, "~", inboundFaxes().perPage(2L));
    List<String> seen = new ArrayList<>();
    List<Long> pageNumbers = new ArrayList<>();
    while (true) {
      pageNumbers.add(page.paging.page);
      for (GetMessageInfoResponse r : page.records) {
        seen.add(Long.toString(r.id));
      }
      if (page.navigation.nextPage == null) {
        break;
      }
      page =
          Utils.gson.fromJson(rc.get(page.navigation.nextPage.uri).string(), GetMessageList.class);
    }

    assertThat(seen).containsExactlyElementsOf(delivered);
    assertThat(pageNumbers).containsExactly(1L, 2L, 3L);
    assertThat(page.paging.totalPages).isEqualTo(3L);
    assertThat(page.paging.totalElements).isEqualTo(5L);
    assertThat(page.paging.pageStart).isEqualTo(4L);
    assertThat(page.paging.pageEnd).isEqualTo(4L);
  }

  @Test
  void aFaxArrivingWhileAClientPagesShiftsTheLaterPages() throws Exception {
    List<String> delivered = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      delivered.add(0, clinic.fax(clinic.owner(), 1).messageId());
      clinic.emu.clock().advance(Duration.ofSeconds(1));
    }
    RestClient rc = clinic.loginAsOwner();
    GetMessageList first = list(rc, "~", inboundFaxes().perPage(2L));

    clinic.fax(clinic.owner(), 1);
    GetMessageList second =
        Utils.gson.fromJson(rc.get(first.navigation.nextPage.uri).string(), GetMessageList.class);

    assertThat(first.records)
        .extracting(r -> Long.toString(r.id))
        .containsExactly(delivered.get(0), delivered.get(1));
    assertThat(second.records)
        .extracting(r -> Long.toString(r.id))
        .containsExactly(delivered.get(1), delivered.get(2));
  }

  @Test
  void perPageAbove1000IsClamped() throws Exception {
    clinic.fax(clinic.owner(), 1);

    GetMessageList list = list(clinic.loginAsOwner(), "~", inboundFaxes().perPage(5000L));

    assertThat(list.paging.perPage).isEqualTo(1000L);
  }

  @Test
  void filtersByReadStatusAndAvailability() throws Exception {
    FaxMessage read = clinic.fax(clinic.owner(), 1);
    FaxMessage unread = clinic.fax(clinic.owner(), 1);
    FaxMessage deleted = clinic.fax(clinic.owner(), 1);
    clinic.emu.markRead(clinic.account.id(), clinic.owner(), read.messageId());
    clinic.emu.delete(clinic.account.id(), clinic.owner(), deleted.messageId());
    RestClient rc = clinic.loginAsOwner();

    GetMessageList alive = list(rc, "~", inboundFaxes());
    GetMessageList unreadOnly = list(rc, "~", inboundFaxes().readStatus(new String[] {"Unread"}));
    GetMessageList deletedOnly =
        list(rc, "~", inboundFaxes().availability(new String[] {"Deleted"}));

    assertThat(alive.records)
        .extracting(r -> Long.toString(r.id))
        .containsExactlyInAnyOrder(read.messageId(), unread.messageId());
    assertThat(unreadOnly.records)
        .extracting(r -> Long.toString(r.id))
        .containsExactly(unread.messageId());
    assertThat(deletedOnly.records)
        .extracting(r -> Long.toString(r.id))
        .containsExactly(deleted.messageId());
  }

  @Test
  void otherMessageTypesYieldNoFaxes() throws Exception {
    clinic.fax(clinic.owner(), 1);

    GetMessageList sms =
        list(
            clinic.loginAsOwner(),
            "~",
            new ListMessagesParameters().messageType(new String[] {"SMS"}));

    assertThat(sms.records).isEmpty();
  }

  @Test
  void adminReadsAnotherExtensionsMailbox() throws Exception {
    Extension faxLine =
        clinic.emu.createExtension(clinic.account.id(), ExtensionSpec.faxUser("Fax", "201"));
    FaxMessage fax = clinic.fax(faxLine.id(), 2);

    GetMessageList list = list(clinic.loginAsOwner(), faxLine.id(), inboundFaxes());

    assertThat(list.records).extracting(r -> Long.toString(r.id)).containsExactly(fax.messageId());
  }

  @Test
  void nonAdminReadingAnotherMailboxGetsCmn419() {
    Extension nurse =
        clinic.emu.createExtension(clinic.account.id(), ExtensionSpec.user("Nurse", "102"));
    RestClient rc =
        clinic.login(
            clinic.emu.issueJwtCredential(clinic.account.id(), nurse.id(), clinic.app.clientId()));

    assertThatThrownBy(() -> list(rc, clinic.owner(), inboundFaxes()))
        .isInstanceOfSatisfying(
            RestException.class,
            e -> {
              assertThat(e.response.code()).isEqualTo(403);
              assertThat(e.getMessage()).contains("CMN-419");
            });
  }

  @Test
  void anotherAccountIsNotFound() {
    Account other = clinic.emu.createAccount("Clinic B");

    assertThatThrownBy(
            () ->
                clinic
                    .loginAsOwner()
                    .restapi()
                    .account(other.id())
                    .extension(other.ownerExtensionId())
                    .messageStore()
                    .list())
        .isInstanceOfSatisfying(
            RestException.class, e -> assertThat(e.response.code()).isEqualTo(404));
  }
}
