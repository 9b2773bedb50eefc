package dev.faxbridge.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One HTTP exchange as the endpoints see it: decoded query and form parameters, path variables, the
 * caller once authenticated, and answers that pass through the fault injected for this call.
 */
final class HttpCall {

  private static final int MAX_BODY = 1 << 20;

  private final HttpExchange exchange;
  private final URI baseUrl;
  private final Map<String, List<String>> query;
  private Map<String, String> pathVariables = Map.of();
  private byte[] body;
  private Caller caller;
  private Fault fault = Fault.NONE;
  private int status;
  private Runnable beforeAnswer = () -> {};
  private boolean answered;

  HttpCall(HttpExchange exchange, URI baseUrl) {
    this.exchange = exchange;
    this.baseUrl = baseUrl;
    this.query = decode(exchange.getRequestURI().getRawQuery());
  }

  String method() {
    return exchange.getRequestMethod();
  }

  String path() {
    return exchange.getRequestURI().getPath();
  }

  String rawQuery() {
    return exchange.getRequestURI().getRawQuery();
  }

  /** The base URL of the listener that received this call, without a trailing slash. */
  URI baseUrl() {
    return baseUrl;
  }

  String header(String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  /** All values of a repeatable query parameter; empty when absent. */
  List<String> params(String name) {
    return query.getOrDefault(name, List.of());
  }

  /** The first value of a query parameter, or null. */
  String param(String name) {
    List<String> values = params(name);
    return values.isEmpty() ? null : values.get(0);
  }

  Map<String, List<String>> queryParameters() {
    return query;
  }

  String pathVariable(String name) {
    return pathVariables.get(name);
  }

  void pathVariables(Map<String, String> variables) {
    this.pathVariables = variables;
  }

  Caller caller() {
    return caller;
  }

  void caller(Caller caller) {
    this.caller = caller;
  }

  void fault(Fault fault) {
    this.fault = fault;
  }

  int status() {
    return status;
  }

  /**
   * Runs once, when the status is known and before any byte of the answer leaves, so whatever it
   * records is visible to a client that has received the answer.
   */
  void beforeAnswer(Runnable action) {
    this.beforeAnswer = action;
  }

  /** Marks the call answered (or dropped) and runs the before-answer action the first time. */
  void settle(int status) {
    this.status = status;
    if (!answered) {
      answered = true;
      beforeAnswer.run();
    }
  }

  byte[] body() {
    if (body == null) {
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return body;
  }

  /** The form-encoded body ({@code application/x-www-form-urlencoded}), first value per name. */
  Map<String, String> form() {
    Map<String, String> form = new LinkedHashMap<>();
    decode(new String(body(), StandardCharsets.UTF_8))
        .forEach((name, values) -> form.put(name, values.get(0)));
    return form;
  }

  /** The JSON body; an empty body is an empty object, malformed JSON is CMN-103. */
  JsonNode json() {
    byte[] bytes = body();
    if (bytes.length == 0) {
      return Json.object();
    }
    try {
      return Json.MAPPER.readTree(bytes);
    } catch (JacksonException e) {
      throw PlatformError.api(400, "CMN-103", "JSON can't be parsed.");
    }
  }

  void header(String name, String value) {
    exchange.getResponseHeaders().set(name, value);
  }

  void respond(int status, JsonNode json) {
    header("Content-Type", "application/json; charset=utf-8");
    send(status, Json.MAPPER.writeValueAsBytes(json));
  }

  void respondHtml(int status, String html) {
    header("Content-Type", "text/html; charset=utf-8");
    send(status, html.getBytes(StandardCharsets.UTF_8));
  }

  void respondEmpty(int status) {
    send(status, new byte[0]);
  }

  void redirect(String location) {
    header("Location", location);
    send(302, new byte[0]);
  }

  /** Sends a body the caller streams itself; used for documents too large to hold in memory. */
  OutputStream respondStreaming(int status, long length) {
    settle(status);
    try {
      exchange.sendResponseHeaders(status, fault.truncates() ? length : length == 0 ? -1 : length);
      OutputStream out = exchange.getResponseBody();
      return fault.truncates() ? fault.truncating(out, length) : out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void send(int status, byte[] bytes) {
    settle(status);
    byte[] payload = fault.rewrite(bytes);
    try {
      exchange.sendResponseHeaders(status, payload.length == 0 ? -1 : payload.length);
      if (payload.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          fault.write(out, payload);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, List<String>> decode(String raw) {
    return FormEncoding.decode(raw);
  }
}
