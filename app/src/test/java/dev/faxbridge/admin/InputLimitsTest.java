package dev.faxbridge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.connection.TestBed;
import dev.faxbridge.emulator.RingCentralEmulator;
import dev.faxbridge.testing.FaxbridgeInstance;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Oversized names, slugs, emails and bodies are refused with a 400 that says the limit. */
class InputLimitsTest {

  @TempDir Path data;

  @Test
  void oversizedInputIsRefusedWithItsLimitAndNothingIsStored() throws Exception {
    try (RingCentralEmulator emulator = RingCentralEmulator.builder().start();
        FaxbridgeInstance faxbridge = TestBed.create(emulator, data).start()) {
      String tenantId = TestBed.createTenant(faxbridge, "riverside");

      HttpResponse<String> longName =
          faxbridge.api(
              "POST", "/api/tenants", "{\"slug\":\"long\",\"name\":\"" + "n".repeat(201) + "\"}");
      assertThat(longName.statusCode()).isEqualTo(400);
      assertThat(longName.body()).contains("at most 200 characters");

      HttpResponse<String> longSlug =
          faxbridge.api(
              "POST", "/api/tenants", "{\"slug\":\"" + "s".repeat(5000) + "\",\"name\":\"x\"}");
      assertThat(longSlug.statusCode()).isEqualTo(400);
      assertThat(longSlug.body()).contains("5000 characters").doesNotContain("sssss");

      HttpResponse<String> longEmail =
          faxbridge.api(
              "PUT",
              "/api/tenants/" + tenantId + "/notifications",
              "{\"contactEmail\":\"" + "e".repeat(300) + "@example.org\"}");
      assertThat(longEmail.statusCode()).isEqualTo(400);
      assertThat(longEmail.body()).contains("at most 254 characters");

      assertThat(declaredTenMegabyteBody(faxbridge.baseUrl())).startsWith("HTTP/1.1 400");

      HttpResponse<String> chunked =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(faxbridge.baseUrl().resolve("/api/tenants"))
                      .header("Authorization", "Bearer " + FaxbridgeInstance.OPERATOR_TOKEN)
                      .header("Content-Type", "application/json")
                      .POST(
                          HttpRequest.BodyPublishers.ofInputStream(
                              () ->
                                  new ByteArrayInputStream(
                                      ("{\"slug\":\"big\",\"name\":\""
                                              + "n".repeat(100_000)
                                              + "\"}")
                                          .getBytes(StandardCharsets.UTF_8))))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(chunked.statusCode()).isEqualTo(400);

      assertThat(faxbridge.api("GET", "/api/tenants", null).body())
          .contains("riverside")
          .doesNotContain("\"long\"", "\"big\"");
    }
  }

  /** A tenant whose body declares 10 MB: answered before the body is read. */
  private static String declaredTenMegabyteBody(URI base) throws Exception {
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /api/tenants HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                  + "Authorization: Bearer "
                  + FaxbridgeInstance.OPERATOR_TOKEN
                  + "\r\nContent-Type: application/json\r\nContent-Length: 10485760\r\n\r\n"
                  + "{\"slug\":\"huge\",\"name\":\"nnnn")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      socket.shutdownOutput();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).contains("at most 65536 bytes");
      return answer;
    }
  }
}
