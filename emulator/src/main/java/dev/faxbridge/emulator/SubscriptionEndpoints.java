package dev.faxbridge.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /restapi/v1.0/subscription}: create (after the WebHook validation handshake), list, get,
 * update ({@code PUT}, which also renews), renew, delete. Only the {@code WebHook} transport.
 * {@code expiresIn} defaults to 604800 s and is capped at 315360000 s (10 years).
 */
final class SubscriptionEndpoints {

  static final Duration DEFAULT_LIFETIME = Duration.ofDays(7);
  static final Duration MAX_LIFETIME = Duration.ofSeconds(315_360_000L);
  private static final String BASE = "/restapi/v1.0/subscription";

  private final Subscriptions subscriptions;
  private final Directory directory;

  SubscriptionEndpoints(Subscriptions subscriptions, Directory directory) {
    this.subscriptions = subscriptions;
    this.directory = directory;
  }

  List<Route> routes() {
    return List.of(
        new Route("POST", BASE, RateLimitGroup.MEDIUM, true, "SubscriptionWebhook", this::create),
        new Route("GET", BASE, RateLimitGroup.LIGHT, true, this::list),
        new Route("GET", BASE + "/{subscriptionId}", RateLimitGroup.LIGHT, true, this::get),
        new Route("PUT", BASE + "/{subscriptionId}", RateLimitGroup.MEDIUM, true, this::update),
        new Route("DELETE", BASE + "/{subscriptionId}", RateLimitGroup.MEDIUM, true, this::delete),
        new Route(
            "POST", BASE + "/{subscriptionId}/renew", RateLimitGroup.LIGHT, true, this::renew));
  }

  void create(HttpCall call) {
    JsonNode body = call.json();
    Caller caller = call.caller();
    List<String> raw = filters(body);
    List<EventFilter> filters = parse(raw, caller);
    JsonNode mode = body.path("deliveryMode");
    if (!"WebHook".equals(mode.path("transportType").asString(null))) {
      throw PlatformError.invalidParameter("deliveryMode.transportType");
    }
    String address = mode.path("address").asString(null);
    if (address == null || !(address.startsWith("http://") || address.startsWith("https://"))) {
      throw PlatformError.invalidParameter("deliveryMode.address");
    }
    String failure = subscriptions.webhooks().validate(address);
    if (failure != null) {
      throw PlatformError.api(400, "SUB-525", "WebHook server response is invalid: " + failure);
    }
    Subscription created =
        subscriptions.create(
            caller,
            raw,
            filters,
            address,
            mode.path("verificationToken").asString(null),
            lifetime(body));
    call.respond(200, subscriptions.render(created));
  }

  void list(HttpCall call) {
    ObjectNode json = Json.object();
    json.put("uri", call.baseUrl() + BASE);
    ArrayNode records = json.putArray("records");
    subscriptions.list(call.caller()).forEach(s -> records.add(subscriptions.render(s)));
    call.respond(200, json);
  }

  void get(HttpCall call) {
    call.respond(200, subscriptions.render(find(call)));
  }

  void update(HttpCall call) {
    Subscription subscription = find(call);
    JsonNode body = call.json();
    if (body.has("eventFilters")) {
      List<String> raw = filters(body);
      subscriptions.update(subscription, raw, parse(raw, call.caller()));
    }
    subscriptions.renew(subscription, lifetime(body));
    call.respond(200, subscriptions.render(subscription));
  }

  void renew(HttpCall call) {
    Subscription subscription = find(call);
    subscriptions.renew(subscription, subscription.expiresIn);
    call.respond(200, subscriptions.render(subscription));
  }

  void delete(HttpCall call) {
    subscriptions.delete(find(call));
    call.respondEmpty(204);
  }

  private Subscription find(HttpCall call) {
    return subscriptions
        .find(call.pathVariable("subscriptionId"), call.caller())
        .orElseThrow(() -> PlatformError.notFound("subscriptionId"));
  }

  private static List<String> filters(JsonNode body) {
    List<String> raw = new ArrayList<>();
    body.path("eventFilters").forEach(n -> raw.add(n.asString()));
    if (raw.isEmpty()) {
      throw PlatformError.api(400, "SUB-508", "Event filters are not specified or invalid");
    }
    return raw;
  }

  private List<EventFilter> parse(List<String> raw, Caller caller) {
    List<EventFilter> parsed = new ArrayList<>();
    for (String text : raw) {
      if (isRenewalReminder(text)) {
        continue;
      }
      EventFilter filter =
          EventFilter.parse(text, caller)
              .orElseThrow(
                  () -> PlatformError.api(400, "SUB-508", "Event filter is invalid: " + text));
      if (!filter.accountId().equals(caller.accountId())) {
        throw PlatformError.api(403, "SUB-406", "Not allowed to subscribe to another account");
      }
      boolean own = filter.extensionId().equals(caller.extensionId());
      if (!own && !caller.admin()) {
        throw PlatformError.api(
            403, "SUB-405", "Not allowed subscribe for messages to other extensions");
      }
      if (directory.extension(filter.accountId(), filter.extensionId()).isEmpty()) {
        throw PlatformError.api(400, "SUB-508", "Event filter is invalid: " + text);
      }
      parsed.add(filter);
    }
    return parsed;
  }

  /**
   * The renewal-reminder filter ({@code /restapi/v1.0/subscription/~?threshold=..&interval=..}) is
   * accepted but reported under {@code disabledFilters}: the emulator sends no reminders.
   */
  static boolean isRenewalReminder(String filter) {
    return filter.startsWith("/restapi/v1.0/subscription/");
  }

  private static Duration lifetime(JsonNode body) {
    long seconds = body.path("expiresIn").asLong(DEFAULT_LIFETIME.toSeconds());
    if (seconds < 1) {
      throw PlatformError.invalidParameter("expiresIn");
    }
    return Duration.ofSeconds(Math.min(seconds, MAX_LIFETIME.toSeconds()));
  }
}
