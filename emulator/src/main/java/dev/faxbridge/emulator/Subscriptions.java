package dev.faxbridge.emulator;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * WebHook subscriptions and the delivery of fax events to them. Deliveries run asynchronously, one
 * attempt each; after {@code blacklistAfter} consecutive failed deliveries a subscription is
 * Blacklisted for good. Expired subscriptions vanish. Thread-safe.
 */
final class Subscriptions {

  static final int MAX_PER_USER_AND_APP = 30;

  private final Clock clock;
  private final Supplier<URI> platformUrl;
  private final Supplier<URI> mediaUrl;
  private final ExecutorService executor;
  private final Webhooks webhooks;
  private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
  private final Object idle = new Object();
  private int inFlight;
  private int blacklistAfter = 3;

  Subscriptions(
      Clock clock, Supplier<URI> platformUrl, Supplier<URI> mediaUrl, ExecutorService executor) {
    this.clock = clock;
    this.platformUrl = platformUrl;
    this.mediaUrl = mediaUrl;
    this.executor = executor;
    this.webhooks = new Webhooks(executor);
  }

  Webhooks webhooks() {
    return webhooks;
  }

  synchronized void blacklistAfter(int failures) {
    if (failures < 1) {
      throw new IllegalArgumentException("at least one failure, got " + failures);
    }
    this.blacklistAfter = failures;
  }

  synchronized Subscription create(
      Caller owner,
      List<String> eventFilters,
      List<EventFilter> filters,
      String address,
      String verificationToken,
      Duration expiresIn) {
    dropExpired();
    long mine = subscriptions.values().stream().filter(s -> s.ownedBy(owner)).count();
    if (mine >= MAX_PER_USER_AND_APP) {
      throw PlatformError.api(400, "SUB-505", "Subscriptions limit exceeded");
    }
    Subscription subscription =
        new Subscription(
            UUID.randomUUID().toString(),
            owner,
            address,
            verificationToken,
            clock.instant(),
            eventFilters,
            filters,
            expiresIn);
    subscriptions.put(subscription.id, subscription);
    return subscription;
  }

  synchronized Optional<Subscription> find(String id, Caller caller) {
    dropExpired();
    return Optional.ofNullable(subscriptions.get(id)).filter(s -> s.ownedBy(caller));
  }

  synchronized List<Subscription> list(Caller caller) {
    dropExpired();
    return subscriptions.values().stream().filter(s -> s.ownedBy(caller)).toList();
  }

  synchronized void renew(Subscription subscription, Duration lifetime) {
    subscription.renew(clock.instant(), lifetime);
  }

  synchronized void update(
      Subscription subscription, List<String> eventFilters, List<EventFilter> filters) {
    subscription.eventFilters = eventFilters;
    subscription.filters = filters;
  }

  synchronized void delete(Subscription subscription) {
    subscriptions.remove(subscription.id);
  }

  /** Sends the fax and message-store events of a newly delivered fax to every matching hook. */
  void faxDelivered(StoredFax fax) {
    publish(fax, true);
  }

  /**
   * Sends the message-store event of a changed fax (read status, deletion) to matching hooks; the
   * fax event fires for new faxes only.
   */
  void faxChanged(StoredFax fax) {
    publish(fax, false);
  }

  private void publish(StoredFax fax, boolean isNew) {
    List<Runnable> deliveries = new ArrayList<>();
    synchronized (this) {
      dropExpired();
      for (Subscription s : subscriptions.values()) {
        if (!s.status.equals("Active")) {
          continue;
        }
        for (EventFilter filter : s.filters) {
          boolean fires = isNew || filter.kind() == EventFilter.Kind.MESSAGE_STORE;
          if (fires && filter.firesFor(fax)) {
            byte[] json = Json.MAPPER.writeValueAsBytes(notification(s, filter, fax, isNew));
            deliveries.add(() -> deliver(s, json));
          }
        }
      }
    }
    for (Runnable delivery : deliveries) {
      synchronized (idle) {
        inFlight++;
      }
      executor.execute(
          () -> {
            try {
              delivery.run();
            } finally {
              synchronized (idle) {
                inFlight--;
                idle.notifyAll();
              }
            }
          });
    }
  }

  /** Waits until no notification is in flight; false on timeout. */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (idle) {
      while (inFlight > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        idle.wait(Math.max(1, left / 1_000_000));
      }
      return true;
    }
  }

  ObjectNode render(Subscription s) {
    synchronized (this) {
      ObjectNode json = Json.object();
      json.put("uri", platformUrl.get() + "/restapi/v1.0/subscription/" + s.id);
      json.put("id", s.id);
      ArrayNode filters = json.putArray("eventFilters");
      ArrayNode disabled = json.putArray("disabledFilters");
      for (String filter : s.eventFilters) {
        if (SubscriptionEndpoints.isRenewalReminder(filter)) {
          ObjectNode entry = disabled.addObject();
          entry.put("filter", filter);
          entry.put("reason", "NotSupported");
          entry.put("message", "The emulator sends no renewal reminders");
        } else {
          filters.add(filter);
        }
      }
      json.put("expirationTime", Json.time(s.expirationTime));
      json.put(
          "expiresIn",
          Math.max(0, Duration.between(clock.instant(), s.expirationTime).toSeconds()));
      json.put("status", s.status);
      json.put("creationTime", Json.time(s.creationTime));
      ObjectNode mode = json.putObject("deliveryMode");
      mode.put("transportType", "WebHook");
      mode.put("address", s.address);
      mode.put("encryption", false);
      if (s.blacklistedAt != null) {
        ObjectNode blacklisted = json.putObject("blacklistedData");
        blacklisted.put("blacklistedAt", Json.time(s.blacklistedAt));
        blacklisted.put("reason", s.blacklistReason);
      }
      return json;
    }
  }

  private void deliver(Subscription s, byte[] json) {
    String failure = webhooks.notify(s.address, s.verificationToken, json);
    synchronized (this) {
      if (failure == null) {
        s.consecutiveFailures = 0;
        return;
      }
      s.consecutiveFailures++;
      if (s.consecutiveFailures >= blacklistAfter && s.status.equals("Active")) {
        s.status = "Blacklisted";
        s.blacklistReason = failure;
        s.blacklistedAt = clock.instant();
      }
    }
  }

  private JsonNode notification(Subscription s, EventFilter filter, StoredFax fax, boolean isNew) {
    ObjectNode json = Json.object();
    json.put("uuid", UUID.randomUUID().toString());
    json.put("event", filter.event());
    json.put("timestamp", Json.time(clock.instant()));
    json.put("subscriptionId", s.id);
    json.put("ownerId", s.extensionId);
    if (filter.kind() == EventFilter.Kind.FAX) {
      ObjectNode body = MessageJson.render(fax, platformUrl.get(), mediaUrl.get());
      body.put("id", Long.toString(fax.id()));
      for (JsonNode attachment : body.path("attachments")) {
        ((ObjectNode) attachment).put("id", attachment.path("id").asString());
      }
      json.set("body", body);
    } else {
      ObjectNode body = json.putObject("body");
      body.put("extensionId", fax.extensionId());
      body.put("lastUpdated", Json.time(fax.changedAt()));
      ObjectNode change = body.putArray("changes").addObject();
      change.put("type", "Fax");
      change.put("newCount", isNew ? 1 : 0);
      change.put("updatedCount", isNew ? 0 : 1);
      ArrayNode ids = change.putArray("newMessageIds");
      if (isNew) {
        ids.add(fax.id());
      }
    }
    return json;
  }

  private void dropExpired() {
    Instant now = clock.instant();
    Iterator<Subscription> it = subscriptions.values().iterator();
    while (it.hasNext()) {
      if (it.next().expired(now)) {
        it.remove();
      }
    }
  }
}
