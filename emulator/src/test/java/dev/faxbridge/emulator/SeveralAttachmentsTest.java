package dev.faxbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.ringcentral.RestClient;
import com.ringcentral.definitions.GetMessageInfoResponse;
import com.ringcentral.definitions.MessageAttachmentInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An inbound fax can carry several documents, each its own attachment with its own content. */
class SeveralAttachmentsTest {

  private final Clinic clinic = new Clinic();
  @TempDir Path state;

  @AfterEach
  void stop() {
    clinic.close();
  }

  private FaxMessage faxWithAttachments(int attachments) {
    return clinic.faxToOwner(
        InboundFaxSpec.of("+15551230001", "+15559870001", 2).attachments(attachments));
  }

  @Test
  void listsEachAttachmentWithItsOwnIdAndContentUri() throws Exception {
    FaxMessage fax = faxWithAttachments(3);
    RestClient rc = clinic.loginAsOwner();

    GetMessageInfoResponse record =
        rc.restapi().account().extension().messageStore().list().records[0];

    assertThat(record.attachments).hasSize(3);
    assertThat(Arrays.stream(record.attachments).map(a -> Long.toString(a.id)))
        .containsExactlyElementsOf(
            fax.attachments().stream().map(FaxMessage.Attachment::id).toList())
        .doesNotHaveDuplicates();
    for (MessageAttachmentInfo attachment : record.attachments) {
      assertThat(attachment.uri)
          .startsWith(clinic.emu.mediaUrl().toString())
          .endsWith("/message-store/" + fax.messageId() + "/content/" + attachment.id);
      assertThat(attachment.type).isEqualTo("RenderedDocument");
    }
    assertThat(record.attachments[1].fileName).isEqualTo(fax.messageId() + "-2.pdf");
    assertThat(record.faxPageCount).isEqualTo(6L);
    assertThat(fax.attachmentId()).isEqualTo(fax.attachments().get(0).id());
  }

  @Test
  void eachAttachmentDownloadsItsOwnDocument() throws Exception {
    FaxMessage fax = faxWithAttachments(2);
    RestClient rc = clinic.loginAsOwner();
    MessageAttachmentInfo[] attachments =
        rc.restapi().account().extension().messageStore().list().records[0].attachments;

    for (int i = 0; i < attachments.length; i++) {
      byte[] bytes = rc.get(attachments[i].uri).bytes();
      FaxMessage.Attachment expected = fax.attachments().get(i);
      assertThat(sha256(bytes)).isEqualTo(expected.sha256());
      assertThat((long) bytes.length).isEqualTo(expected.size()).isEqualTo(attachments[i].size);
      try (PDDocument pdf = Loader.loadPDF(bytes)) {
        assertThat(pdf.getNumberOfPages()).isEqualTo(2);
      }
    }
    assertThat(fax.attachments().get(0).sha256()).isNotEqualTo(fax.attachments().get(1).sha256());
  }

  @Test
  void aDeletedFaxLosesEveryAttachment() throws Exception {
    FaxMessage fax = faxWithAttachments(2);
    RestClient rc = clinic.loginAsOwner();
    String second =
        rc.restapi().account().extension().messageStore().list().records[0].attachments[1].uri;
    clinic.emu.delete(clinic.account.id(), clinic.owner(), fax.messageId());
    clinic.emu.delete(clinic.account.id(), clinic.owner(), fax.messageId());

    HttpResponse<Void> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(second))
                    .header("Authorization", "Bearer " + rc.token.access_token)
                    .build(),
                HttpResponse.BodyHandlers.discarding());

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void theControlApiDeliversAFaxWithSeveralAttachments() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(clinic.ownerControl("/faxes"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"from\":\"+15551230001\",\"to\":\"+15559870001\",\"attachments\":2}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(201);
    JsonNode body = JsonMapper.builder().build().readTree(response.body());
    assertThat(body.path("attachments")).hasSize(2);
    String messageId = body.path("messageId").asString();
    FaxMessage stored = clinic.emu.fax(clinic.account.id(), clinic.owner(), messageId);
    assertThat(body.path("attachments").get(1).path("attachmentId").asString())
        .isEqualTo(stored.attachments().get(1).id());
    assertThat(body.path("attachments").get(1).path("sha256").asString())
        .isEqualTo(stored.attachments().get(1).sha256());
  }

  @Test
  void aRestartedEmulatorKeepsEveryAttachmentWithItsIdAndBytes() {
    FaxMessage before;
    Account account;
    try (RingCentralEmulator emu = RingCentralEmulator.builder().stateDirectory(state).start()) {
      account = emu.createAccount("Clinic B");
      before =
          emu.deliverFax(
              account.id(),
              account.ownerExtensionId(),
              InboundFaxSpec.of("+15550001", "+15550002", 1).attachments(3));
    }
    try (RingCentralEmulator emu = RingCentralEmulator.builder().stateDirectory(state).start()) {
      FaxMessage after = emu.fax(account.id(), account.ownerExtensionId(), before.messageId());

      assertThat(after.attachments()).isEqualTo(before.attachments());
      FaxMessage next =
          emu.deliverFax(
              account.id(),
              account.ownerExtensionId(),
              InboundFaxSpec.of("+15550001", "+15550002", 1));
      assertThat(List.of(next.attachmentId()))
          .doesNotContainAnyElementsOf(
              before.attachments().stream().map(FaxMessage.Attachment::id).toList());
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
