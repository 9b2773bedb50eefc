package dev.faxbridge.emulator.faxage;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.faxbridge.emulator.Fault;
import dev.faxbridge.emulator.Faults;
import dev.faxbridge.emulator.FormEncoding;
import dev.faxbridge.emulator.RequestLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request pipeline of {@code /httpsfax.php}: form, injected fault, operation, answer, request
 * log. Faults are matched by method and path ({@code /httpsfax.php}) or by the operation name
 * ({@code getfax}). A dropped connection (injected reset or truncation) is produced by letting an
 * exception escape to the JDK server, which then closes the socket without an answer.
 */
final class FaxageListener implements HttpHandler {

  private static final Logger log = LoggerFactory.getLogger(FaxageListener.class);
  private static final int MAX_FORM = 64 * 1024;

  private final HttpsFaxEndpoint endpoint;
  private final Faults faults;
  private final RequestLog<FaxageRequest> requests;
  private final Clock clock;

  FaxageListener(
      HttpsFaxEndpoint endpoint, Faults faults, RequestLog<FaxageRequest> requests, Clock clock) {
    this.endpoint = endpoint;
    this.faults = faults;
    this.requests = requests;
    this.clock = clock;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Instant at = clock.instant();
    String method = exchange.getRequestMethod();
    String raw;
    try (InputStream in = exchange.getRequestBody()) {
      raw = new String(in.readNBytes(MAX_FORM), StandardCharsets.UTF_8);
    }
    Map<String, String> form = decode(raw);
    String operation = form.get("operation");
    String faxId = form.getOrDefault("faxid", form.get("recvid"));
    Fault fault = faults.next(method, exchange.getRequestURI().getPath(), operation);
    try {
      switch (fault.kind()) {
        case RESET -> {
          logged(at, form, faxId, 0, null);
          throw new IOException("connection reset on purpose");
        }
        case DELAY -> Thread.sleep(fault.delay().toMillis());
        case STATUS -> {
          logged(at, form, faxId, fault.status(), null);
          send(exchange, fault.status(), "text/plain", statusText(fault.status()), Fault.NONE);
          return;
        }
        default -> {}
      }
      if (!method.equals("POST")) {
        logged(at, form, faxId, 405, null);
        exchange.getResponseHeaders().set("Allow", "POST");
        send(exchange, 405, "text/plain", "POST only\n", Fault.NONE);
        return;
      }
      HttpsFaxEndpoint.Answer answer = endpoint.answer(form, raw);
      boolean faulted = fault.kind() != Fault.Kind.NONE && fault.kind() != Fault.Kind.DELAY;
      if (answer instanceof HttpsFaxEndpoint.Answer.Text text) {
        logged(at, form, faxId, 200, faulted ? null : text.result());
        send(exchange, 200, "text/plain", text.text(), fault);
      } else if (answer instanceof HttpsFaxEndpoint.Answer.Document document) {
        logged(at, form, faxId, 200, faulted ? null : "OK");
        stream(exchange, document, fault);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (IOException | RuntimeException e) {
      if (!(e instanceof IOException)) {
        log.error("faxage emulator: {} failed", operation, e);
      }
      throw e;
    } finally {
      exchange.close();
    }
  }

  private void logged(
      Instant at, Map<String, String> form, String faxId, int status, String result) {
    requests.add(
        new FaxageRequest(
            at,
            form.get("operation"),
            form.get("company"),
            form.get("username"),
            faxId,
            status,
            result));
  }

  private static void send(HttpExchange exchange, int status, String type, String text, Fault fault)
      throws IOException {
    byte[] payload = fault.rewrite(HttpsFaxEndpoint.utf8(text));
    exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    exchange.sendResponseHeaders(status, payload.length == 0 ? -1 : payload.length);
    if (payload.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        fault.write(out, payload);
      }
    }
  }

  /**
   * The raw document, streamed from disk. A truncation fault cuts it off half-way; a "malformed"
   * fault sends its first half with a consistent length, as a store holding a partial file would.
   */
  private static void stream(
      HttpExchange exchange, HttpsFaxEndpoint.Answer.Document answer, Fault fault)
      throws IOException {
    long size = answer.document().size();
    boolean cutShort = fault.kind() == Fault.Kind.MALFORMED_JSON;
    long length = cutShort ? size / 2 : size;
    exchange.getResponseHeaders().set("Content-Type", answer.document().contentType());
    exchange.sendResponseHeaders(200, length);
    OutputStream out = exchange.getResponseBody();
    if (fault.truncates()) {
      out = fault.truncating(out, length);
    }
    try (OutputStream body = out;
        InputStream in = Files.newInputStream(answer.document().file())) {
      if (cutShort) {
        body.write(in.readNBytes((int) length));
      } else {
        in.transferTo(body);
      }
    }
  }

  private static String statusText(int status) {
    return switch (status) {
      case 429 -> "Too Many Requests\n";
      case 502 -> "Bad Gateway\n";
      case 503 -> "Service Unavailable\n";
      case 504 -> "Gateway Timeout\n";
      default -> "HTTP " + status + "\n";
    };
  }

  /** The form's fields, first value per name. */
  static Map<String, String> decode(String raw) {
    Map<String, String> result = new LinkedHashMap<>();
    FormEncoding.decode(raw).forEach((name, values) -> result.put(name, values.get(0)));
    return result;
  }
}
