package dev.faxbridge.emulator.faxage;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.faxbridge.emulator.ControlRequests;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.DateTimeException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The emulator's JSON API under {@code /control}: what a test or the demo does through the Java
 * API, over HTTP. Never faulted, never logged, no authentication (the listener binds to 127.0.0.1
 * only). Bad input answers 400 {@code {"message": ...}}. Reference: emulator/README.md.
 */
final class FaxageControl implements HttpHandler {

  private static final Pattern USER = Pattern.compile("/control/accounts/([^/]+)/([^/]+)");
  private static final Pattern FAXES = Pattern.compile("/control/companies/([^/]+)/faxes");
  private static final Pattern DOCUMENT = Pattern.compile("/control/faxes/(\\d+)/document");

  private final JsonMapper json = JsonMapper.builder().build();
  private final FaxageEmulator emu;

  FaxageControl(FaxageEmulator emu) {
    this.emu = emu;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
    try {
      dispatch(exchange, route);
    } catch (IllegalArgumentException | DateTimeException | JacksonException e) {
      ObjectNode error = json.createObjectNode();
      error.put("message", e.getMessage());
      respond(exchange, 400, error);
    } finally {
      exchange.close();
    }
  }

  private void dispatch(HttpExchange exchange, String route) throws IOException {
    Matcher m;
    if (route.equals("GET /control/state")) {
      respond(exchange, 200, state());
    } else if (route.equals("POST /control/accounts")) {
      JsonNode body = body(exchange);
      FaxageAccount account =
          emu.createAccount(
              ControlRequests.required(body, "company"),
              ControlRequests.required(body, "username"),
              ControlRequests.required(body, "password"));
      respond(exchange, 201, account(account));
    } else if ((m = USER.matcher(path(route))).matches() && route.startsWith("POST ")) {
      JsonNode body = body(exchange);
      String password = ControlRequests.text(body, "password", null);
      if (password != null) {
        emu.setPassword(m.group(1), m.group(2), password);
      }
      if (body.has("disabled")) {
        emu.setDisabled(m.group(1), m.group(2), body.path("disabled").asBoolean());
      }
      respond(exchange, 204, null);
    } else if ((m = FAXES.matcher(path(route))).matches() && route.startsWith("POST ")) {
      FaxageFax fax = emu.deliverFax(m.group(1), ControlRequests.inboundFax(body(exchange)));
      respond(exchange, 201, fax(fax));
    } else if ((m = FAXES.matcher(path(route))).matches() && route.startsWith("GET ")) {
      ObjectNode answer = json.createObjectNode();
      ArrayNode faxes = answer.putArray("faxes");
      emu.faxes(m.group(1)).forEach(f -> faxes.add(fax(f)));
      respond(exchange, 200, answer);
    } else if ((m = DOCUMENT.matcher(path(route))).matches() && route.startsWith("PUT ")) {
      try (InputStream in = exchange.getRequestBody()) {
        emu.replaceDocument(Long.parseLong(m.group(1)), in.readAllBytes());
      }
      respond(exchange, 204, null);
    } else if (route.equals("POST /control/list-layout")) {
      emu.listLayout(ListLayout.valueOf(ControlRequests.required(body(exchange), "layout")));
      respond(exchange, 200, state());
    } else if (route.equals("POST /control/database")) {
      emu.databaseDown(body(exchange).path("down").asBoolean());
      respond(exchange, 204, null);
    } else if (route.equals("POST /control/faults")) {
      emu.injectFault(ControlRequests.faultRule(body(exchange)));
      respond(exchange, 204, null);
    } else if (route.equals("DELETE /control/faults")) {
      emu.clearFaults();
      respond(exchange, 204, null);
    } else if (route.equals("POST /control/time")) {
      ControlRequests.moveClock(emu.clock(), body(exchange));
      respond(exchange, 200, state());
    } else if (route.equals("GET /control/requests")) {
      respond(exchange, 200, requests());
    } else if (route.equals("DELETE /control/requests")) {
      emu.clearRequestLog();
      respond(exchange, 204, null);
    } else {
      ObjectNode error = json.createObjectNode();
      error.put("message", "no control route " + route);
      respond(exchange, 404, error);
    }
  }

  private static String path(String route) {
    return route.substring(route.indexOf(' ') + 1);
  }

  private ObjectNode state() {
    ObjectNode state = json.createObjectNode();
    state.put("endpointUrl", emu.endpointUrl().toString());
    state.put("now", emu.clock().instant().toString());
    state.put("timeZone", emu.timeZone().getId());
    state.put("listLayout", emu.listLayout().name());
    ArrayNode accounts = state.putArray("accounts");
    emu.accounts().forEach(a -> accounts.add(account(a)));
    return state;
  }

  private ObjectNode account(FaxageAccount account) {
    ObjectNode node = json.createObjectNode();
    node.put("company", account.company());
    node.put("username", account.username());
    return node;
  }

  private ObjectNode fax(FaxageFax fax) {
    ObjectNode node = json.createObjectNode();
    node.put("recvid", fax.recvid());
    node.put("company", fax.company());
    node.put("receivedAt", fax.receivedAt().toString());
    node.put("pageCount", fax.pageCount());
    node.put("contentType", fax.contentType());
    node.put("size", fax.size());
    node.put("sha256", fax.sha256());
    node.put("handled", fax.handled());
    node.put("deleted", fax.deleted());
    return node;
  }

  private ObjectNode requests() {
    ObjectNode answer = json.createObjectNode();
    ArrayNode records = answer.putArray("records");
    for (FaxageRequest r : emu.requestLog()) {
      ObjectNode entry = records.addObject();
      entry.put("at", r.at().toString());
      entry.put("operation", r.operation());
      entry.put("company", r.company());
      entry.put("username", r.username());
      entry.put("faxId", r.faxId());
      entry.put("status", r.status());
      entry.put("result", r.result());
    }
    return answer;
  }

  private JsonNode body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(1 << 20);
      return bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
    }
  }

  private void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
    if (body == null) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
