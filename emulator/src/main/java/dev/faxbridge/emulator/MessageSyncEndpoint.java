package dev.faxbridge.emulator;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET .../message-sync}: FSync returns the frame's Alive messages newest first and a sync
 * token; ISync returns what changed since the token's sync time, minus a 5 s overlap the platform
 * adds "to avoid message loss" (so a client must tolerate repeats), with deleted and purged
 * messages reduced to id and availability. No paging; {@code recordCount} caps the answer and sets
 * {@code olderRecordsExist}. FSync's {@code dateFrom} defaults to {@code dateTo} − 24 h (the spec's
 * default; the guide says a week).
 */
final class MessageSyncEndpoint {

  static final Duration OVERLAP = Duration.ofSeconds(5);
  private static final Set<String> TYPES = Set.of("Fax", "SMS", "VoiceMail", "Pager", "Text");
  private static final Set<String> DIRECTIONS = Set.of("Inbound", "Outbound");

  private final Clock clock;
  private final MessageStore store;
  private final Mailboxes mailboxes;
  private final Supplier<URI> mediaUrl;
  private final SyncFrames frames = new SyncFrames();

  MessageSyncEndpoint(
      Clock clock, MessageStore store, Mailboxes mailboxes, Supplier<URI> mediaUrl) {
    this.clock = clock;
    this.store = store;
    this.mailboxes = mailboxes;
    this.mediaUrl = mediaUrl;
  }

  List<Route> routes() {
    return List.of(
        new Route(
            "GET",
            MessageEndpoints.BASE + "/message-sync",
            RateLimitGroup.LIGHT,
            true,
            "ReadMessages",
            this::sync));
  }

  void sync(HttpCall call) {
    Mailboxes.Mailbox mailbox = mailboxes.mailbox(call);
    String syncType = call.param("syncType") == null ? "FSync" : call.param("syncType");
    Integer recordCount = recordCount(call);
    Instant now = clock.instant();
    if (syncType.equals("FSync")) {
      List<String> types = MessageEndpoints.values(call, "messageType", TYPES);
      List<String> directions = MessageEndpoints.values(call, "direction", DIRECTIONS);
      Instant dateTo = DateParameter.parse(call, "dateTo", now);
      Instant dateFrom = DateParameter.parse(call, "dateFrom", dateTo.minus(Duration.ofHours(24)));
      SyncFrames.Frame frame =
          new SyncFrames.Frame(mailbox.accountId(), mailbox.extensionId(), types, directions, now);
      List<StoredFax> records =
          inFrame(frame).stream()
              .filter(f -> f.availability().equals("Alive"))
              .filter(
                  f -> !f.creationTime().isBefore(dateFrom) && !f.creationTime().isAfter(dateTo))
              .toList();
      answer(call, "FSync", frame, records, recordCount);
    } else if (syncType.equals("ISync")) {
      SyncFrames.Frame previous =
          frames
              .frame(call.param("syncToken"))
              .filter(f -> f.accountId().equals(mailbox.accountId()))
              .filter(f -> f.extensionId().equals(mailbox.extensionId()))
              .orElseThrow(
                  () ->
                      PlatformError.api(
                          400,
                          "MSG-333",
                          "Invalid message synchronisation request: full synchronization is"
                              + " required"));
      Instant since = previous.syncTime().minus(OVERLAP);
      List<StoredFax> changed =
          inFrame(previous).stream().filter(f -> f.changedAt().isAfter(since)).toList();
      SyncFrames.Frame next =
          new SyncFrames.Frame(
              previous.accountId(),
              previous.extensionId(),
              previous.messageTypes(),
              previous.directions(),
              now);
      answer(call, "ISync", next, changed, recordCount);
    } else {
      throw PlatformError.invalidParameter("syncType");
    }
  }

  private List<StoredFax> inFrame(SyncFrames.Frame frame) {
    boolean faxes =
        (frame.messageTypes().isEmpty() || frame.messageTypes().contains("Fax"))
            && (frame.directions().isEmpty() || frame.directions().contains("Inbound"));
    return faxes ? store.mailbox(frame.accountId(), frame.extensionId()) : List.of();
  }

  private void answer(
      HttpCall call,
      String syncType,
      SyncFrames.Frame frame,
      List<StoredFax> records,
      Integer recordCount) {
    boolean older = recordCount != null && records.size() > recordCount;
    List<StoredFax> returned = older ? records.subList(0, recordCount) : records;
    ObjectNode json = Json.object();
    json.put("uri", Paging.link(call, 1).replaceFirst("[?&]page=1$", ""));
    ArrayNode array = json.putArray("records");
    for (StoredFax fax : returned) {
      array.add(
          fax.availability().equals("Alive")
              ? MessageJson.render(fax, call.baseUrl(), mediaUrl.get())
              : MessageJson.tombstone(fax, call.baseUrl()));
    }
    ObjectNode syncInfo = json.putObject("syncInfo");
    syncInfo.put("syncType", syncType);
    syncInfo.put("syncToken", frames.issue(frame));
    syncInfo.put("syncTime", Json.time(frame.syncTime()));
    syncInfo.put("olderRecordsExist", older);
    call.respond(200, json);
  }

  private static Integer recordCount(HttpCall call) {
    String value = call.param("recordCount");
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      int count = Integer.parseInt(value);
      if (count < 1) {
        throw PlatformError.invalidParameter("recordCount");
      }
      return count;
    } catch (NumberFormatException e) {
      throw PlatformError.invalidParameter("recordCount");
    }
  }
}
