package dev.faxbridge.emulator.large;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.emulator.Account;
import dev.faxbridge.emulator.ClientApp;
import dev.faxbridge.emulator.FaxMessage;
import dev.faxbridge.emulator.InboundFaxSpec;
import dev.faxbridge.emulator.RingCentralEmulator;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs in its own JVM with a 96 MB heap (see the {@code large-documents} surefire execution): a 200
 * MB fax can only be rendered and served there if the emulator never holds it in memory.
 */
class LargeDocumentStreamingTest {

  private static final long SIZE = 200L * 1024 * 1024;

  @TempDir Path downloads;

  @Test
  void twoHundredMegabyteFaxIsRenderedAndServedWithinASmallHeap() throws Exception {
    assertThat(Runtime.getRuntime().maxMemory()).isLessThan(SIZE);
    HttpClient http = HttpClient.newHttpClient();
    JsonMapper json = JsonMapper.builder().build();
    try (RingCentralEmulator emu = RingCentralEmulator.builder().start()) {
      ClientApp app = emu.createApp("large");
      Account account = emu.createAccount("Clinic");
      String jwt = emu.issueJwtCredential(account.id(), account.ownerExtensionId(), app.clientId());
      FaxMessage fax =
          emu.deliverFax(
              account.id(),
              account.ownerExtensionId(),
              InboundFaxSpec.of("+15551230001", "+15559870001", 3).minimumSize(SIZE));
      String token =
          json.readTree(
                  http.send(
                          HttpRequest.newBuilder(
                                  URI.create(emu.platformUrl() + "/restapi/oauth/token"))
                              .header("Content-Type", "application/x-www-form-urlencoded")
                              .POST(
                                  HttpRequest.BodyPublishers.ofString(
                                      "grant_type="
                                          + URLEncoder.encode(
                                              "urn:ietf:params:oauth:grant-type:jwt-bearer",
                                              StandardCharsets.UTF_8)
                                          + "&client_id="
                                          + app.clientId()
                                          + "&assertion="
                                          + jwt))
                              .build(),
                          HttpResponse.BodyHandlers.ofString())
                      .body())
              .path("access_token")
              .asString();
      JsonNode list =
          json.readTree(
              http.send(
                      HttpRequest.newBuilder(
                              URI.create(
                                  emu.platformUrl()
                                      + "/restapi/v1.0/account/~/extension/~/message-store"))
                          .header("Authorization", "Bearer " + token)
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body());
      String uri = list.path("records").get(0).path("attachments").get(0).path("uri").asString();
      Path file = downloads.resolve("fax.pdf");

      HttpResponse<Path> response =
          http.send(
              HttpRequest.newBuilder(URI.create(uri))
                  .header("Authorization", "Bearer " + token)
                  .build(),
              HttpResponse.BodyHandlers.ofFile(file));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(fax.size()).isGreaterThanOrEqualTo(SIZE);
      assertThat(Files.size(file)).isEqualTo(fax.size());
      assertThat(sha256(file)).isEqualTo(fax.sha256());
    }
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
