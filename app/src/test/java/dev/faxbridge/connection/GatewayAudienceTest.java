package dev.faxbridge.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.faxbridge.emulator.RingCentralEmulator;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.FaxbridgeInstance;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * faxbridge reaches the platform through a gateway at another address than the one clinics' JWT
 * credentials are issued for: {@code faxbridge.ringcentral.jwt-audience} names that address.
 */
class GatewayAudienceTest {

  private static RingCentralEmulator emulator;
  private static Gateway gateway;

  @TempDir Path data;

  @BeforeAll
  static void start() throws IOException {
    emulator = RingCentralEmulator.builder().start();
    gateway = new Gateway(emulator.platformUrl());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    emulator.close();
  }

  @Test
  void throughAGatewayACredentialIsRefusedAsMadeForAnotherPlatformWithoutTheAudienceSetting() {
    TestBed bed = TestBed.create(emulator, data);
    Map<String, Object> properties = bed.properties();
    properties.put("faxbridge.ringcentral.server-url", gateway.url().toString());
    try (FaxbridgeInstance faxbridge = FaxbridgeInstance.start(properties, emulator.clock())) {
      String tenant = TestBed.createTenant(faxbridge, "riverside");

      HttpResponse<String> refused =
          TestBed.postJwt(faxbridge, tenant, bed.clinic("Riverside").jwt());

      assertThat(refused.statusCode()).isEqualTo(422);
      assertThat(refused.body()).contains("was made for " + emulator.platformUrl().getAuthority());
    }
  }

  @Test
  void withTheAudienceSettingAClinicConnectsThroughTheGateway() {
    TestBed bed = TestBed.create(emulator, data);
    Map<String, Object> properties = bed.properties();
    properties.put("faxbridge.ringcentral.server-url", gateway.url().toString());
    properties.put("faxbridge.ringcentral.jwt-audience", emulator.platformUrl().toString());
    try (FaxbridgeInstance faxbridge = FaxbridgeInstance.start(properties, emulator.clock())) {
      String tenant = TestBed.createTenant(faxbridge, "riverside");
      Clinic clinic = bed.clinic("Riverside");
      int forwardedBefore = gateway.forwarded();

      ConnectionId id = TestBed.connectJwt(faxbridge, tenant, clinic.jwt());

      assertThat(faxbridge.bean(Connections.class).get(id).status())
          .isEqualTo(ConnectionStatus.ACTIVE);
      assertThat(gateway.forwarded())
          .as("calls went through the gateway")
          .isGreaterThan(forwardedBefore);
    }
  }

  /** A plain forwarding gateway: every request to its address goes on to the platform. */
  private static final class Gateway implements AutoCloseable {

    private static final Set<String> NOT_FORWARDED =
        Set.of("host", "content-length", "connection", "expect", "upgrade", "transfer-encoding");

    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final URI platform;
    private final AtomicInteger forwarded = new AtomicInteger();

    Gateway(URI platform) throws IOException {
      this.platform = platform;
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/", this::forward);
      server.start();
    }

    URI url() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int forwarded() {
      return forwarded.get();
    }

    private void forward(HttpExchange exchange) throws IOException {
      try (exchange) {
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder request =
            HttpRequest.newBuilder(platform.resolve(exchange.getRequestURI().toString()))
                .method(
                    exchange.getRequestMethod(),
                    body.length == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange
            .getRequestHeaders()
            .forEach(
                (name, values) -> {
                  if (!NOT_FORWARDED.contains(name.toLowerCase())) {
                    values.forEach(value -> request.header(name, value));
                  }
                });
        HttpResponse<byte[]> answer =
            client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        forwarded.incrementAndGet();
        answer
            .headers()
            .map()
            .forEach(
                (name, values) -> {
                  if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                  }
                });
        byte[] bytes = answer.body();
        exchange.sendResponseHeaders(answer.statusCode(), bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
