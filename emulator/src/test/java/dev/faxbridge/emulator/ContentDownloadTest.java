package dev.faxbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.ringcentral.RestClient;
import com.ringcentral.definitions.GetMessageInfoResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import okhttp3.Response;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ContentDownloadTest {

  private final Clinic clinic = new Clinic();

  @AfterEach
  void stop() {
    clinic.close();
  }

  @Test
  void downloadsThePdfByAttachmentUriWithTheStatedPageCount() throws Exception {
    FaxMessage fax = clinic.fax(clinic.owner(), 4);
    RestClient rc = clinic.loginAsOwner();
    GetMessageInfoResponse record =
        rc.restapi().account().extension().messageStore().list().records[0];

    byte[] bytes = rc.get(record.attachments[0].uri).bytes();

    assertThat((long) bytes.length).isEqualTo(record.attachments[0].size).isEqualTo(fax.size());
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
        .isEqualTo(fax.sha256());
    try (PDDocument pdf = Loader.loadPDF(bytes)) {
      assertThat(pdf.getNumberOfPages()).isEqualTo(4).isEqualTo(record.faxPageCount.intValue());
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setStartPage(3);
      stripper.setEndPage(3);
      assertThat(stripper.getText(pdf)).contains("Page 3 of 4").contains(fax.messageId());
    }
  }

  @Test
  void answersWithContentTypeLengthAndDisposition() throws Exception {
    FaxMessage fax = clinic.fax(clinic.owner(), 1);
    RestClient rc = clinic.loginAsOwner();
    String uri =
        rc.restapi().account().extension().messageStore().list().records[0].attachments[0].uri;

    try (Response response =
        rc.httpClient
            .newCall(
                new okhttp3.Request.Builder()
                    .url(uri)
                    .header("Authorization", "Bearer " + rc.token.access_token)
                    .build())
            .execute()) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.header("Content-Type")).isEqualTo("application/pdf");
      assertThat(response.header("Content-Length")).isEqualTo(Long.toString(fax.size()));
      assertThat(response.header("Content-Disposition"))
          .isEqualTo("inline; filename=\"" + fax.messageId() + ".pdf\"");
      assertThat(response.header("X-Rate-Limit-Group")).isEqualTo("medium");
    }
  }

  @Test
  void contentIsNotServedOnThePlatformHost() throws Exception {
    clinic.fax(clinic.owner(), 1);
    RestClient rc = clinic.loginAsOwner();
    String uri =
        rc.restapi().account().extension().messageStore().list().records[0].attachments[0].uri;
    String onPlatform =
        uri.replace(clinic.emu.mediaUrl().toString(), clinic.emu.platformUrl().toString());

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> rc.get(onPlatform))
        .isInstanceOfSatisfying(
            com.ringcentral.RestException.class, e -> assertThat(e.response.code()).isEqualTo(404));
  }
}
