package dev.faxbridge.bench;

import dev.faxbridge.emulator.ClientApp;
import dev.faxbridge.emulator.RingCentralEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * faxbridge as deployed: {@code java -Xmx.. -jar faxbridge.jar --key=value...} in a JVM of its own,
 * so that {@code /proc/<pid>} shows its CPU and memory alone. Talks to it only through the operator
 * API and actuator; its output goes to {@code faxbridge.log} in its directory.
 */
final class FaxbridgeProcess implements AutoCloseable {

  static final String OPERATOR_TOKEN = "bench-operator-token-0123456789abcdef";
  // Generous: on a busy shared machine a Spring Boot start can take minutes.
  private static final Duration STARTUP_LIMIT = Duration.ofSeconds(300);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Process process;
  private final URI baseUrl;
  private final Path directory;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private FaxbridgeProcess(Process process, URI baseUrl, Path directory) {
    this.process = process;
    this.baseUrl = baseUrl;
    this.directory = directory;
  }

  /**
   * Starts faxbridge on {@code databaseUrl} against the emulator as {@code app}, with its inbox,
   * staging and keyset under {@code directory}, and waits until it reports healthy. Push is off.
   */
  static FaxbridgeProcess start(
      Path jar,
      String heap,
      String databaseUrl,
      RingCentralEmulator emulator,
      ClientApp app,
      Path directory) {
    return start(jar, heap, databaseUrl, emulator, app, directory, false);
  }

  /**
   * As above; with {@code push}, faxbridge's public base URL is its own loopback address, so it
   * subscribes each connection to inbound-fax webhooks and the emulator can reach it.
   */
  static FaxbridgeProcess start(
      Path jar,
      String heap,
      String databaseUrl,
      RingCentralEmulator emulator,
      ClientApp app,
      Path directory,
      boolean push) {
    return start(
        jar, List.of("-Xmx" + heap), databaseUrl, emulator, app, directory, push, Map.of());
  }

  /**
   * As above, with JVM options of the caller's choice ({@code -Xmx...} among them), and {@code
   * overrides} (property name to value) replacing or adding to the settings given by default: the
   * crash suite shares one inbox and keyset between nodes and arms pause points this way.
   */
  static FaxbridgeProcess start(
      Path jar,
      List<String> jvmOptions,
      String databaseUrl,
      RingCentralEmulator emulator,
      ClientApp app,
      Path directory,
      boolean push,
      Map<String, String> overrides) {
    try {
      Files.createDirectories(directory);
      int port = freePort();
      Map<String, String> properties = new LinkedHashMap<>();
      properties.put("server.port", Integer.toString(port));
      properties.put("spring.datasource.url", databaseUrl);
      properties.put("spring.datasource.username", "postgres");
      properties.put("faxbridge.ringcentral.client-id", app.clientId());
      properties.put("faxbridge.ringcentral.client-secret", app.clientSecret());
      properties.put("faxbridge.ringcentral.server-url", emulator.platformUrl().toString());
      properties.put("faxbridge.ringcentral.media-urls", emulator.mediaUrl().toString());
      properties.put("faxbridge.delivery.folder.root", directory.resolve("inbox").toString());
      properties.put("faxbridge.sync.staging-directory", directory.resolve("staging").toString());
      properties.put("faxbridge.secrets.keyset-file", directory.resolve("keyset.json").toString());
      properties.put("faxbridge.secrets.generate-if-missing", "true");
      properties.put("faxbridge.operator.api-token", OPERATOR_TOKEN);
      if (push) {
        properties.put("faxbridge.push.public-base-url", "http://127.0.0.1:" + port);
      }
      properties.putAll(overrides);
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      command.add("-jar");
      command.add(jar.toAbsolutePath().toString());
      properties.forEach((k, v) -> command.add("--" + k + "=" + v));
      Path log = directory.resolve("faxbridge.log");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      FaxbridgeProcess faxbridge =
          new FaxbridgeProcess(process, URI.create("http://127.0.0.1:" + port), directory);
      faxbridge.awaitHealthy(log);
      return faxbridge;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start faxbridge from " + jar, e);
    }
  }

  long pid() {
    return process.pid();
  }

  Path directory() {
    return directory;
  }

  Path inbox() {
    return directory.resolve("inbox");
  }

  ProcessStats stats() {
    return ProcessStats.of(process.pid());
  }

  /**
   * Creates a tenant with a JWT connection to RingCentral (the emulator); answers the tenant id.
   */
  String connectTenant(String slug, int syncIntervalSeconds, String jwt) {
    JsonNode tenant =
        call(
            "POST",
            "/api/tenants",
            "{\"slug\":\""
                + slug
                + "\",\"name\":\""
                + slug
                + "\",\"syncIntervalSeconds\":"
                + syncIntervalSeconds
                + "}",
            201);
    String tenantId = tenant.get("id").asString();
    call(
        "POST",
        "/api/tenants/" + tenantId + "/connections",
        "{\"provider\":\"ringcentral\",\"jwt\":\"" + jwt + "\"}",
        201);
    return tenantId;
  }

  /** The JVM's heap in use now, in bytes, from actuator's {@code jvm.memory.used}. */
  long heapUsedBytes() {
    JsonNode metric = call("GET", "/actuator/metrics/jvm.memory.used?tag=area:heap", null, 200);
    return (long) metric.get("measurements").get(0).get("value").asDouble();
  }

  JsonNode call(String method, String path, String body, int expectedStatus) {
    HttpRequest request =
        HttpRequest.newBuilder(baseUrl.resolve(path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + OPERATOR_TOKEN)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expectedStatus) {
        throw new IllegalStateException(
            method + " " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void awaitHealthy(Path log) {
    long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
    HttpRequest health =
        HttpRequest.newBuilder(baseUrl.resolve("/actuator/health"))
            .timeout(Duration.ofSeconds(5))
            .build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("faxbridge exited during startup; see " + log);
      }
      try {
        if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(Duration.ofMillis(250));
    }
    close();
    throw new IllegalStateException(
        "faxbridge not healthy within " + STARTUP_LIMIT + "; see " + log);
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * Kills faxbridge with SIGKILL, as a power cut or the OOM killer would, and waits for its end.
   */
  void kill() {
    try {
      if (!process.destroyForcibly().waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("faxbridge " + process.pid() + " outlived SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Stops faxbridge (SIGTERM, then SIGKILL after 30 s). */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
