package dev.faxbridge.delivery.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook receiver as a clinic would write one: it checks the signature with its own HMAC code,
 * stores each idempotency key's document once and answers 200 to a repeat.
 */
public final class SigningReceiver implements AutoCloseable {

  /**
   * @param documentUrl the download link of a link-mode request, null for multipart
   */
  public record Received(
      String idempotencyKey, String metadataJson, byte[] document, String documentUrl) {}

  private final HttpServer server;
  private final String secret;
  private final Map<String, Received> stored = new LinkedHashMap<>();
  private final List<String> refused = new ArrayList<>();
  private volatile int answer = 200;

  public SigningReceiver(String secret) throws IOException {
    this.secret = secret;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/faxes", this::handle);
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/faxes");
  }

  public void answerWith(int status) {
    answer = status;
  }

  public synchronized List<Received> stored() {
    return List.copyOf(stored.values());
  }

  public synchronized List<String> refused() {
    return List.copyOf(refused);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    String timestamp = exchange.getRequestHeaders().getFirst("X-Faxbridge-Timestamp");
    String signature = exchange.getRequestHeaders().getFirst("X-Faxbridge-Signature");
    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
    int status;
    synchronized (this) {
      if (timestamp == null || signature == null || !signature.equals(expected(timestamp, body))) {
        refused.add("bad signature");
        status = 401;
      } else if (answer / 100 != 2) {
        status = answer;
      } else {
        if (!stored.containsKey(key)) {
          stored.put(key, parse(key, exchange.getRequestHeaders().getFirst("Content-Type"), body));
        }
        status = 200;
      }
    }
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  private String expected(String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      byte[] expected = mac.doFinal(body);
      return "sha256=" + HexFormat.of().formatHex(expected);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Splits the two parts at the boundary of the Content-Type header; a JSON body (link mode) names
   * the document's download URL, which the receiver fetches as a real one would.
   */
  private static Received parse(String key, String contentType, byte[] body) {
    if (contentType.startsWith("application/json")) {
      JsonNode json = JsonMapper.builder().build().readTree(body);
      try {
        HttpResponse<byte[]> download =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create(json.get("document").get("url").asString()))
                        .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        return new Received(
            key,
            json.get("metadata").toString(),
            download.statusCode() == 200 ? download.body() : null,
            json.get("document").get("url").asString());
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException("the download failed", e);
      }
    }
    String boundary = contentType.substring(contentType.indexOf("boundary=") + 9);
    byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
    byte[] withLeadingBreak = new byte[body.length + 2];
    withLeadingBreak[0] = '\r';
    withLeadingBreak[1] = '\n';
    System.arraycopy(body, 0, withLeadingBreak, 2, body.length);
    List<byte[]> parts = new ArrayList<>();
    int start = indexOf(withLeadingBreak, delimiter, 0) + delimiter.length;
    for (int next = indexOf(withLeadingBreak, delimiter, start);
        next >= 0;
        next = indexOf(withLeadingBreak, delimiter, start)) {
      parts.add(Arrays.copyOfRange(withLeadingBreak, start + 2, next));
      start = next + delimiter.length;
    }
    return new Received(
        key,
        new String(content(parts.get(0)), StandardCharsets.UTF_8),
        content(parts.get(1)),
        null);
  }

  private static byte[] content(byte[] part) {
    int headersEnd = indexOf(part, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
    return Arrays.copyOfRange(part, headersEnd + 4, part.length);
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  static boolean sameBytes(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
