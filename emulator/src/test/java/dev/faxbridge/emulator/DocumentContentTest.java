package dev.faxbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.ringcentral.RestClient;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Node;

class DocumentContentTest {

  private final Clinic clinic = new Clinic();
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path downloads;

  @AfterEach
  void stop() {
    clinic.close();
  }

  private String attachmentUri(RestClient rc) throws Exception {
    return rc.restapi().account().extension().messageStore().list().records[0].attachments[0].uri;
  }

  private HttpResponse<byte[]> get(RestClient rc, String uri, String range) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(uri))
            .header("Authorization", "Bearer " + rc.token.access_token);
    if (range != null) {
      request.header("Range", range);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void rangeRequestAnswers206WithTheRequestedBytes() throws Exception {
    FaxMessage fax = clinic.fax(clinic.owner(), 2);
    RestClient rc = clinic.loginAsOwner();
    String uri = attachmentUri(rc);
    byte[] whole = rc.get(uri).bytes();

    HttpResponse<byte[]> head = get(rc, uri, "bytes=0-99");
    HttpResponse<byte[]> rest = get(rc, uri, "bytes=100-");
    HttpResponse<byte[]> tail = get(rc, uri, "bytes=-50");

    assertThat(head.statusCode()).isEqualTo(206);
    assertThat(head.headers().firstValue("Content-Range")).hasValue("bytes 0-99/" + fax.size());
    assertThat(head.body()).isEqualTo(Arrays.copyOfRange(whole, 0, 100));
    assertThat(rest.body()).isEqualTo(Arrays.copyOfRange(whole, 100, whole.length));
    assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(whole, whole.length - 50, whole.length));
    assertThat(head.headers().firstValue("Accept-Ranges")).hasValue("bytes");
  }

  @Test
  void rangeBeyondTheEndIs416() throws Exception {
    FaxMessage fax = clinic.fax(clinic.owner(), 1);
    RestClient rc = clinic.loginAsOwner();

    HttpResponse<byte[]> response = get(rc, attachmentUri(rc), "bytes=" + fax.size() + "-");

    assertThat(response.statusCode()).isEqualTo(416);
    assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes */" + fax.size());
  }

  @Test
  void accessTokenInTheQueryIsAcceptedOnTheMediaHostOnly() throws Exception {
    clinic.fax(clinic.owner(), 1);
    RestClient rc = clinic.loginAsOwner();
    String uri = attachmentUri(rc) + "?access_token=" + rc.token.access_token;

    HttpResponse<byte[]> media =
        http.send(
            HttpRequest.newBuilder(URI.create(uri)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> platform =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        clinic.emu.platformUrl()
                            + "/restapi/v1.0/account/~/extension/~/message-store?access_token="
                            + rc.token.access_token))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertThat(media.statusCode()).isEqualTo(200);
    assertThat(platform.statusCode()).isEqualTo(401);
    assertThat(clinic.emu.requestLog())
        .extracting(LoggedRequest::query)
        .filteredOn(q -> q != null && q.contains("access_token"))
        .containsOnly("access_token=REDACTED");
  }

  @Test
  void tiffFaxIsCcittGroup4WithOneImagePerPage() throws Exception {
    FaxMessage fax =
        clinic.faxToOwner(
            InboundFaxSpec.of("+15551230001", "+15559870001", 3).contentType(InboundFaxSpec.TIFF));
    RestClient rc = clinic.loginAsOwner();
    var record = rc.restapi().account().extension().messageStore().list().records[0];

    byte[] bytes = rc.get(record.attachments[0].uri).bytes();

    assertThat(record.attachments[0].contentType).isEqualTo("image/tiff");
    assertThat((long) bytes.length).isEqualTo(fax.size());
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      ImageReader reader = ImageIO.getImageReaders(in).next();
      reader.setInput(in);
      assertThat(reader.getNumImages(true)).isEqualTo(3);
      assertThat(reader.getWidth(0)).isEqualTo(1728);
      assertThat(compressionOf(reader.getImageMetadata(0))).isEqualTo("CCITT T.6");
    }
  }

  @Test
  void largeDocumentIsStreamedWholeAndStaysAValidPdf() throws Exception {
    long size = 64L * 1024 * 1024;
    FaxMessage fax =
        clinic.faxToOwner(InboundFaxSpec.of("+15551230001", "+15559870001", 2).minimumSize(size));
    RestClient rc = clinic.loginAsOwner();
    Path file = downloads.resolve("large.pdf");

    HttpResponse<Path> response =
        http.send(
            HttpRequest.newBuilder(URI.create(attachmentUri(rc)))
                .header("Authorization", "Bearer " + rc.token.access_token)
                .build(),
            HttpResponse.BodyHandlers.ofFile(file));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(fax.size()).isGreaterThanOrEqualTo(size);
    assertThat(Files.size(file)).isEqualTo(fax.size());
    assertThat(sha256(file)).isEqualTo(fax.sha256());
    try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
      assertThat(pdf.getNumberOfPages()).isEqualTo(2);
    }
  }

  @Test
  void sameFaxRendersTheSameBytes() throws Exception {
    InboundFaxSpec spec =
        InboundFaxSpec.of("+15551230001", "+15559870001", 2).receivedAt(Clinic.START);
    FaxMessage first = clinic.faxToOwner(spec);
    try (RingCentralEmulator other = RingCentralEmulator.builder().start()) {
      Account account = other.createAccount("Clinic A");
      FaxMessage second = other.deliverFax(account.id(), account.ownerExtensionId(), spec);

      assertThat(second.sha256()).isEqualTo(first.sha256());
    }
  }

  private static String compressionOf(IIOMetadata metadata) {
    Node root = metadata.getAsTree("javax_imageio_1.0");
    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n.getNodeName().equals("Compression")) {
        for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
          if (c.getNodeName().equals("CompressionTypeName")) {
            return c.getAttributes().getNamedItem("value").getNodeValue();
          }
        }
      }
    }
    return null;
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
