package dev.faxbridge.emulator;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The emulator's own JSON API under {@code /control}: what a test or the demo does through the Java
 * API, over HTTP. Never throttled, never faulted, no authentication (the listeners bind to
 * 127.0.0.1 only). Bad input answers 400 {@code {"message": ...}}. Reference: emulator/README.md.
 */
final class ControlEndpoints {

  private static final String MAILBOX = "/control/accounts/{accountId}/extensions/{extensionId}";

  private final RingCentralEmulator emu;

  ControlEndpoints(RingCentralEmulator emu) {
    this.emu = emu;
  }

  List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    routes.add(control("GET", "/control/state", this::state));
    routes.add(control("POST", "/control/apps", this::createApp));
    routes.add(control("POST", "/control/accounts", this::createAccount));
    routes.add(control("POST", "/control/accounts/{accountId}/extensions", this::createExtension));
    routes.add(control("POST", MAILBOX + "/jwt", this::issueJwt));
    routes.add(control("POST", "/control/jwt/revoke", this::revokeJwt));
    routes.add(control("POST", "/control/sessions/revoke", this::revokeSession));
    routes.add(control("POST", MAILBOX + "/disable", c -> enable(c, false)));
    routes.add(control("POST", MAILBOX + "/enable", c -> enable(c, true)));
    routes.add(control("POST", MAILBOX + "/sessions/end", this::endSessions));
    routes.add(control("POST", MAILBOX + "/password", this::password));
    routes.add(control("POST", MAILBOX + "/faxes", this::deliverFax));
    routes.add(control("POST", MAILBOX + "/messages/{messageId}/read", this::markRead));
    routes.add(control("POST", MAILBOX + "/messages/{messageId}/delete", this::delete));
    routes.add(control("POST", "/control/faults", this::injectFault));
    routes.add(control("DELETE", "/control/faults", c -> ok(c, () -> emu.clearFaults())));
    routes.add(control("GET", "/control/time", this::time));
    routes.add(control("POST", "/control/time", this::moveTime));
    routes.add(control("POST", "/control/token-policy", this::tokenPolicy));
    routes.add(control("POST", "/control/rate-limits", this::rateLimits));
    routes.add(control("POST", "/control/retention", this::retention));
    routes.add(control("POST", "/control/subscriptions", this::subscriptionSettings));
    routes.add(control("GET", "/control/requests", this::requests));
    routes.add(control("DELETE", "/control/requests", c -> ok(c, () -> emu.clearRequestLog())));
    return routes;
  }

  private static Route control(String method, String path, Endpoint endpoint) {
    return new Route(
        method,
        path,
        RateLimitGroup.NONE,
        false,
        call -> {
          try {
            endpoint.handle(call);
          } catch (IllegalArgumentException | DateTimeParseException e) {
            ObjectNode error = Json.object();
            error.put("message", e.getMessage());
            call.respond(400, error);
          }
        });
  }

  private void state(HttpCall call) {
    ObjectNode json = Json.object();
    ArrayNode accounts = json.putArray("accounts");
    for (Account account : emu.directory().accounts()) {
      ObjectNode a = accounts.addObject();
      a.put("id", account.id());
      a.put("name", account.name());
      a.put("ownerExtensionId", account.ownerExtensionId());
      ArrayNode extensions = a.putArray("extensions");
      emu.extensions(account.id()).forEach(e -> extensions.add(extension(e)));
    }
    json.put("platformUrl", emu.platformUrl().toString());
    json.put("mediaUrl", emu.mediaUrl().toString());
    json.put("now", Json.time(emu.clock().instant()));
    call.respond(200, json);
  }

  private void createApp(HttpCall call) {
    JsonNode body = call.json();
    List<String> redirectUris = new ArrayList<>();
    body.path("redirectUris").forEach(n -> redirectUris.add(n.asString()));
    AppSpec spec = AppSpec.named(text(body, "name", "app")).redirectUris(redirectUris);
    if (body.has("scopes")) {
      Set<String> scopes = new HashSet<>();
      body.path("scopes").forEach(n -> scopes.add(n.asString()));
      spec = spec.scopes(scopes);
    }
    if (body.has("grants")) {
      Set<AppSpec.Grant> grants = EnumSet.noneOf(AppSpec.Grant.class);
      body.path("grants").forEach(n -> grants.add(AppSpec.Grant.valueOf(n.asString())));
      spec = spec.grants(grants);
    }
    ClientApp app = emu.createApp(spec);
    ObjectNode json = Json.object();
    json.put("clientId", app.clientId());
    json.put("clientSecret", app.clientSecret());
    json.put("name", app.name());
    call.respond(201, json);
  }

  private void createAccount(HttpCall call) {
    Account account = emu.createAccount(text(call.json(), "name", "Account"));
    ObjectNode json = Json.object();
    json.put("id", account.id());
    json.put("name", account.name());
    json.put("ownerExtensionId", account.ownerExtensionId());
    call.respond(201, json);
  }

  private void createExtension(HttpCall call) {
    JsonNode body = call.json();
    ExtensionSpec spec =
        new ExtensionSpec(
            text(body, "type", "User"),
            required(body, "name"),
            required(body, "extensionNumber"),
            body.path("admin").asBoolean(false),
            body.path("enabled").asBoolean(true));
    call.respond(201, extension(emu.createExtension(call.pathVariable("accountId"), spec)));
  }

  private void issueJwt(HttpCall call) {
    JsonNode body = call.json();
    String expiresAt = text(body, "expiresAt", null);
    String jwt =
        emu.issueJwtCredential(
            call.pathVariable("accountId"),
            call.pathVariable("extensionId"),
            text(body, "clientId", null),
            expiresAt == null ? null : Instant.parse(expiresAt));
    ObjectNode json = Json.object();
    json.put("jwt", jwt);
    call.respond(201, json);
  }

  private void revokeJwt(HttpCall call) {
    ObjectNode json = Json.object();
    json.put("revoked", emu.revokeJwtCredential(required(call.json(), "jwt")));
    call.respond(200, json);
  }

  private void revokeSession(HttpCall call) {
    ObjectNode json = Json.object();
    json.put("revoked", emu.revokeSession(required(call.json(), "token")));
    call.respond(200, json);
  }

  private void enable(HttpCall call, boolean enabled) {
    if (enabled) {
      emu.enableUser(call.pathVariable("accountId"), call.pathVariable("extensionId"));
    } else {
      emu.disableUser(call.pathVariable("accountId"), call.pathVariable("extensionId"));
    }
    call.respondEmpty(204);
  }

  private void password(HttpCall call) {
    emu.setPassword(
        call.pathVariable("accountId"),
        call.pathVariable("extensionId"),
        required(call.json(), "password"));
    call.respondEmpty(204);
  }

  private void endSessions(HttpCall call) {
    ObjectNode json = Json.object();
    json.put("ended", emu.endSessions(call.pathVariable("extensionId")));
    call.respond(200, json);
  }

  private void deliverFax(HttpCall call) {
    InboundFaxSpec spec = ControlRequests.inboundFax(call.json());
    FaxMessage fax =
        emu.deliverFax(call.pathVariable("accountId"), call.pathVariable("extensionId"), spec);
    ObjectNode json = Json.object();
    json.put("messageId", fax.messageId());
    json.put("attachmentId", fax.attachmentId());
    json.put("creationTime", Json.time(fax.creationTime()));
    json.put("size", fax.size());
    json.put("contentType", fax.contentType());
    json.put("pageCount", fax.pageCount());
    json.put("sha256", fax.sha256());
    ArrayNode attachments = json.putArray("attachments");
    for (FaxMessage.Attachment a : fax.attachments()) {
      ObjectNode attachment = attachments.addObject();
      attachment.put("attachmentId", a.id());
      attachment.put("size", a.size());
      attachment.put("pageCount", a.pageCount());
      attachment.put("sha256", a.sha256());
    }
    call.respond(201, json);
  }

  private void markRead(HttpCall call) {
    emu.markRead(
        call.pathVariable("accountId"),
        call.pathVariable("extensionId"),
        call.pathVariable("messageId"));
    call.respondEmpty(204);
  }

  private void delete(HttpCall call) {
    emu.delete(
        call.pathVariable("accountId"),
        call.pathVariable("extensionId"),
        call.pathVariable("messageId"));
    call.respondEmpty(204);
  }

  private void injectFault(HttpCall call) {
    emu.injectFault(ControlRequests.faultRule(call.json()));
    call.respondEmpty(204);
  }

  private void time(HttpCall call) {
    ObjectNode json = Json.object();
    json.put("now", Json.time(emu.clock().instant()));
    call.respond(200, json);
  }

  /** {@code {"advance": "PT1H"}} moves forward; {@code {"set": "2026-11-27T10:00:00Z"}} jumps. */
  private void moveTime(HttpCall call) {
    ControlRequests.moveClock(emu.clock(), call.json());
    time(call);
  }

  private void tokenPolicy(HttpCall call) {
    JsonNode body = call.json();
    String access = text(body, "accessTokenLifetime", null);
    String refresh = text(body, "refreshTokenLifetime", null);
    if (access != null || refresh != null) {
      emu.tokenLifetimes(
          access == null ? Duration.ofHours(1) : Duration.parse(access),
          refresh == null ? Duration.ofDays(7) : Duration.parse(refresh));
    }
    String grace = text(body, "refreshGrace", null);
    if (grace != null) {
      String unused = text(body, "unusedRefreshGrace", "PT60M");
      emu.refreshGrace(Duration.parse(grace), Duration.parse(unused));
    }
    if (body.has("maxSessionsPerUserAndApp")) {
      emu.maxSessionsPerUserAndApp(body.path("maxSessionsPerUserAndApp").asInt());
    }
    call.respondEmpty(204);
  }

  private void rateLimits(HttpCall call) {
    JsonNode body = call.json();
    String window = text(body, "window", null);
    String penalty = text(body, "penalty", null);
    if (window != null || penalty != null) {
      emu.rateLimitTiming(
          window == null ? Duration.ofSeconds(60) : Duration.parse(window),
          penalty == null ? Duration.ofSeconds(60) : Duration.parse(penalty));
    }
    body.path("limits").properties().forEach(e -> emu.rateLimit(e.getKey(), e.getValue().asInt()));
    if (body.has("enabled")) {
      emu.rateLimitsEnabled(body.path("enabled").asBoolean());
    }
    call.respondEmpty(204);
  }

  /** {@code {"maxAge": "P30D", "maxPerMailbox": 200}}; omitted fields switch that limit off. */
  private void retention(HttpCall call) {
    JsonNode body = call.json();
    String maxAge = text(body, "maxAge", null);
    emu.retention(
        maxAge == null ? null : Duration.parse(maxAge),
        body.path("maxPerMailbox").asInt(Integer.MAX_VALUE));
    call.respondEmpty(204);
  }

  /** {@code {"blacklistAfterFailures": 3}}. */
  private void subscriptionSettings(HttpCall call) {
    JsonNode body = call.json();
    if (body.has("blacklistAfterFailures")) {
      emu.blacklistAfterFailures(body.path("blacklistAfterFailures").asInt());
    }
    call.respondEmpty(204);
  }

  private void requests(HttpCall call) {
    ObjectNode json = Json.object();
    ArrayNode records = json.putArray("records");
    for (LoggedRequest r : emu.requestLog()) {
      ObjectNode entry = records.addObject();
      entry.put("at", Json.time(r.at()));
      entry.put("method", r.method());
      entry.put("path", r.path());
      entry.put("query", r.query());
      entry.put("status", r.status());
      entry.put("rateLimitGroup", r.rateLimitGroup());
      entry.put("accountId", r.accountId());
      entry.put("extensionId", r.extensionId());
    }
    call.respond(200, json);
  }

  private static void ok(HttpCall call, Runnable action) {
    action.run();
    call.respondEmpty(204);
  }

  private static ObjectNode extension(Extension e) {
    ObjectNode json = Json.object();
    json.put("id", e.id());
    json.put("accountId", e.accountId());
    json.put("extensionNumber", e.extensionNumber());
    json.put("name", e.name());
    json.put("type", e.type());
    json.put("admin", e.admin());
    json.put("enabled", e.enabled());
    return json;
  }

  private static String text(JsonNode body, String name, String defaultValue) {
    return ControlRequests.text(body, name, defaultValue);
  }

  private static String required(JsonNode body, String name) {
    return ControlRequests.required(body, name);
  }
}
