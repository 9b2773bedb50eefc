package dev.faxbridge.emulator;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * The message store of one mailbox: list ({@code listMessages}), get one, {@code PUT} the read
 * status, {@code DELETE}. Only inbound faxes exist in the emulator, so {@code messageType} and
 * {@code direction} filters either keep them or yield an empty list.
 *
 * <p>Filters follow the spec: {@code dateTo} defaults to now, {@code dateFrom} to {@code dateTo}
 * minus 24 hours (both inclusive, on {@code creationTime}); {@code availability} defaults to {@code
 * Alive} (what older docs state; the spec gives no default); {@code perPage} defaults to 100 and is
 * clamped at 1000; records come newest first.
 */
final class MessageEndpoints {

  static final String BASE = "/restapi/v1.0/account/{accountId}/extension/{extensionId}";
  private static final Set<String> TYPES = Set.of("Fax", "SMS", "VoiceMail", "Pager", "Text");
  private static final Set<String> DIRECTIONS = Set.of("Inbound", "Outbound");
  private static final Set<String> AVAILABILITIES = Set.of("Alive", "Deleted", "Purged");
  private static final Set<String> READ_STATUSES = Set.of("Read", "Unread");

  private final Clock clock;
  private final MessageStore store;
  private final Mailboxes mailboxes;
  private final Supplier<URI> mediaUrl;

  MessageEndpoints(Clock clock, MessageStore store, Mailboxes mailboxes, Supplier<URI> mediaUrl) {
    this.clock = clock;
    this.store = store;
    this.mailboxes = mailboxes;
    this.mediaUrl = mediaUrl;
  }

  List<Route> routes() {
    return List.of(
        new Route(
            "GET", BASE + "/message-store", RateLimitGroup.LIGHT, true, "ReadMessages", this::list),
        new Route(
            "GET",
            BASE + "/message-store/{messageId}",
            RateLimitGroup.LIGHT,
            true,
            "ReadMessages",
            this::get),
        new Route(
            "PUT",
            BASE + "/message-store/{messageId}",
            RateLimitGroup.MEDIUM,
            true,
            "EditMessages",
            this::update),
        new Route(
            "PATCH",
            BASE + "/message-store/{messageId}",
            RateLimitGroup.MEDIUM,
            true,
            "EditMessages",
            this::update),
        new Route(
            "DELETE",
            BASE + "/message-store/{messageId}",
            RateLimitGroup.MEDIUM,
            true,
            "EditMessages",
            this::delete));
  }

  void list(HttpCall call) {
    Mailboxes.Mailbox mailbox = mailboxes.mailbox(call);
    List<String> types = values(call, "messageType", TYPES);
    List<String> directions = values(call, "direction", DIRECTIONS);
    List<String> availability = values(call, "availability", AVAILABILITIES);
    List<String> readStatus = values(call, "readStatus", READ_STATUSES);
    Instant dateTo = DateParameter.parse(call, "dateTo", clock.instant());
    Instant dateFrom = DateParameter.parse(call, "dateFrom", dateTo.minus(Duration.ofHours(24)));
    int page = Paging.page(call);
    int perPage = Paging.perPage(call, 100, 1000);
    boolean faxesWanted =
        (types.isEmpty() || types.contains("Fax"))
            && (directions.isEmpty() || directions.contains("Inbound"));
    List<StoredFax> matching =
        !faxesWanted
            ? List.of()
            : store.mailbox(mailbox.accountId(), mailbox.extensionId()).stream()
                .filter(f -> !f.creationTime().isBefore(dateFrom))
                .filter(f -> !f.creationTime().isAfter(dateTo))
                .filter(
                    f ->
                        availability.isEmpty()
                            ? f.availability().equals("Alive")
                            : availability.contains(f.availability()))
                .filter(f -> readStatus.isEmpty() || readStatus.contains(f.readStatus()))
                .toList();
    call.respond(
        200,
        Paging.render(
            call,
            matching,
            page,
            perPage,
            f -> MessageJson.render(f, call.baseUrl(), mediaUrl.get())));
  }

  void get(HttpCall call) {
    Mailboxes.Mailbox mailbox = mailboxes.mailbox(call);
    StoredFax fax = find(call, mailbox);
    call.respond(200, MessageJson.render(fax, call.baseUrl(), mediaUrl.get()));
  }

  /** Only {@code readStatus} can be changed, as on the platform. */
  void update(HttpCall call) {
    Mailboxes.Mailbox mailbox = mailboxes.mailbox(call);
    find(call, mailbox);
    JsonNode body = call.json();
    String status = body.path("readStatus").asString(null);
    if (status == null || !READ_STATUSES.contains(status)) {
      throw PlatformError.invalidParameter("readStatus");
    }
    StoredFax changed =
        store.markRead(mailbox.accountId(), mailbox.extensionId(), messageId(call), status);
    call.respond(200, MessageJson.render(changed, call.baseUrl(), mediaUrl.get()));
  }

  void delete(HttpCall call) {
    Mailboxes.Mailbox mailbox = mailboxes.mailbox(call);
    find(call, mailbox);
    boolean purge = "true".equalsIgnoreCase(call.param("purge"));
    store.delete(mailbox.accountId(), mailbox.extensionId(), messageId(call), purge);
    call.respondEmpty(204);
  }

  private StoredFax find(HttpCall call, Mailboxes.Mailbox mailbox) {
    return store
        .find(mailbox.accountId(), mailbox.extensionId(), messageId(call))
        .orElseThrow(() -> PlatformError.notFound("messageId"));
  }

  static long messageId(HttpCall call) {
    try {
      return Long.parseLong(call.pathVariable("messageId"));
    } catch (NumberFormatException e) {
      throw PlatformError.notFound("messageId");
    }
  }

  /** A repeatable enum parameter; an unknown value is CMN-101 as on the platform. */
  static List<String> values(HttpCall call, String name, Set<String> allowed) {
    List<String> values =
        call.params(name).stream()
            .flatMap(v -> Arrays.stream(v.split(",")))
            .filter(v -> !v.isEmpty())
            .toList();
    for (String value : values) {
      if (!allowed.contains(value)) {
        throw PlatformError.invalidParameter(name);
      }
    }
    return values;
  }
}
