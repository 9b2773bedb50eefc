package dev.faxbridge.emulator;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An event filter the emulator can fire: the fax event ({@code
 * /restapi/v1.0/account/{a}/extension/{e}/fax?direction=Inbound}, full message body) or the
 * message-store event ({@code .../extension/{e}/message-store}, change summary body; optional
 * {@code type} and {@code direction} query). {@code ~} is resolved to the subscriber at creation.
 */
record EventFilter(
    String raw, Kind kind, String accountId, String extensionId, List<String> query) {

  enum Kind {
    FAX,
    MESSAGE_STORE
  }

  private static final Pattern SHAPE =
      Pattern.compile(
          "/restapi/v1\\.0/account/([^/?]+)/extension/([^/?]+)/(fax|message-store)(?:\\?(.*))?");

  /** The parsed filter, or empty when it is not one the emulator knows. */
  static Optional<EventFilter> parse(String raw, Caller caller) {
    Matcher m = SHAPE.matcher(raw);
    if (!m.matches()) {
      return Optional.empty();
    }
    String account = m.group(1).equals("~") ? caller.accountId() : m.group(1);
    String extension = m.group(2).equals("~") ? caller.extensionId() : m.group(2);
    Kind kind = m.group(3).equals("fax") ? Kind.FAX : Kind.MESSAGE_STORE;
    List<String> query = m.group(4) == null ? List.of() : List.of(m.group(4).split("&"));
    return Optional.of(new EventFilter(raw, kind, account, extension, query));
  }

  /** Whether an inbound fax arriving in this mailbox fires the filter. */
  boolean firesFor(StoredFax fax) {
    if (!fax.accountId().equals(accountId) || !fax.extensionId().equals(extensionId)) {
      return false;
    }
    for (String pair : query) {
      if (pair.startsWith("direction=") && !pair.equals("direction=Inbound")) {
        return false;
      }
      if (pair.startsWith("type=") && !pair.equals("type=Fax")) {
        return false;
      }
    }
    return true;
  }

  /** The event name as the notification carries it: the filter with ids instead of {@code ~}. */
  String event() {
    String path =
        "/restapi/v1.0/account/"
            + accountId
            + "/extension/"
            + extensionId
            + (kind == Kind.FAX ? "/fax" : "/message-store");
    return query.isEmpty() ? path : path + "?" + String.join("&", query);
  }
}
