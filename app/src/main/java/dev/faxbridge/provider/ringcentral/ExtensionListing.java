package dev.faxbridge.provider.ringcentral;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.provider.Mailbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * The account's extension list, as the onboarding and the sync both read it: its request, which of
 * its extensions are fax mailboxes, and the list an authorization has just read.
 *
 * <p>An onboarding lists the extensions with the new authorization, and the connection's first sync
 * right after it would list them again. So the onboarding leaves its list here and that sync takes
 * it instead, when it runs on the same node within {@link #FRESH}: one Medium call less per clinic,
 * and in a wave of connections each clinic's first download comes that much sooner. A list not
 * taken in time (the sync ran on another node, or much later) is dropped and the sync lists.
 */
final class ExtensionListing {

  /** Extension types that have a mailbox able to receive faxes. */
  private static final Set<String> FAX_MAILBOX_TYPES = Set.of("User", "FaxUser", "Department");

  /** How long an authorization's list stands in for a sync's own. */
  static final Duration FRESH = Duration.ofMinutes(5);

  private record Listed(List<Mailbox> mailboxes, Instant at) {}

  private final Clock clock;
  private final Map<ConnectionId, Listed> recent = new ConcurrentHashMap<>();

  ExtensionListing(Clock clock) {
    this.clock = clock;
  }

  /** The path of one page of the account's enabled extensions. */
  static String page(int page) {
    return "/restapi/v1.0/account/~/extension?status=Enabled&perPage=1000&page=" + page;
  }

  /** The extension record as a fax mailbox; empty when its type has no fax mailbox. */
  static Optional<Mailbox> faxMailbox(JsonNode record) {
    String type = Json.text(record, "type");
    if (type == null || !FAX_MAILBOX_TYPES.contains(type)) {
      return Optional.empty();
    }
    return Optional.of(
        new Mailbox(
            Json.requiredId(record, "id", "extension"),
            type,
            Json.text(record, "extensionNumber")));
  }

  /** What an authorization of the connection has just listed, all pages of it. */
  void listedByAuthorization(ConnectionId connection, List<Mailbox> mailboxes) {
    Instant now = clock.instant();
    recent.values().removeIf(listed -> stale(listed, now));
    recent.put(connection, new Listed(List.copyOf(mailboxes), now));
  }

  /** The connection's list from its authorization, once, if it is still fresh. */
  Optional<List<Mailbox>> takeFresh(ConnectionId connection) {
    Listed listed = recent.remove(connection);
    if (listed == null || stale(listed, clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(listed.mailboxes());
  }

  private static boolean stale(Listed listed, Instant now) {
    return !listed.at().plus(FRESH).isAfter(now);
  }
}
