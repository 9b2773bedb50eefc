package dev.faxbridge.provider.ringcentral;

import dev.faxbridge.connection.Provider;
import dev.faxbridge.provider.DocumentType;
import dev.faxbridge.provider.ListedFax;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads the fax documents out of one message-store record. A record that names its message but is
 * otherwise unusable (no valid {@code creationTime}, an attachment without a usable {@code uri})
 * yields faxes carrying a {@link ListedFax#defect()}: that fax fails on its own, the listing goes
 * on.
 */
final class MessageRecord {

  private MessageRecord() {}

  /**
   * The fax documents of a record. An inbound fax normally has one RenderedDocument; any attachment
   * that is a fax document is taken, so none is silently dropped.
   */
  static List<ListedFax> faxDocuments(String accountId, String mailboxId, JsonNode record) {
    String messageId = Json.requiredId(record, "id", "message");
    if ("Purged".equals(Json.text(record, "availability"))) {
      return List.of();
    }
    Instant receivedAt = instant(Json.text(record, "creationTime"));
    String timeDefect =
        receivedAt == null ? "Message " + messageId + " has no valid creationTime" : null;
    String from = Json.text(record.get("from"), "phoneNumber");
    String senderName = Json.text(record.get("from"), "name");
    if (senderName != null && senderName.isBlank()) {
      senderName = null;
    }
    JsonNode to = record.get("to");
    String toNumber =
        to != null && to.isArray() && !to.isEmpty() ? Json.text(to.get(0), "phoneNumber") : null;
    Integer pages =
        record.get("faxPageCount") != null && record.get("faxPageCount").canConvertToInt()
            ? record.get("faxPageCount").asInt()
            : null;
    List<ListedFax> documents = new ArrayList<>();
    JsonNode attachments = record.get("attachments");
    if (attachments == null || !attachments.isArray()) {
      return documents;
    }
    int index = 0;
    for (JsonNode attachment : attachments) {
      index++;
      String contentType = Json.text(attachment, "contentType");
      if (contentType == null || !DocumentType.isFaxDocument(contentType.split(";")[0].trim())) {
        continue;
      }
      String attachmentId = Json.text(attachment, "id");
      URI uri = absolute(Json.text(attachment, "uri"));
      String defect = timeDefect;
      if (attachmentId == null || attachmentId.isBlank()) {
        attachmentId = "position-" + index;
        defect = "Attachment " + index + " of message " + messageId + " has no id";
      } else if (uri == null && defect == null) {
        defect = "Attachment " + attachmentId + " of message " + messageId + " has no usable uri";
      }
      JsonNode size = attachment.get("size");
      documents.add(
          new ListedFax(
              Provider.RINGCENTRAL,
              accountId,
              mailboxId,
              messageId,
              attachmentId,
              receivedAt,
              from,
              toNumber,
              pages,
              contentType.split(";")[0].trim(),
              size != null && size.canConvertToLong() ? size.asLong() : null,
              uri,
              defect,
              senderName));
    }
    return documents;
  }

  /** The record's creation time, or null when it has none that parses. */
  static Instant instant(String text) {
    try {
      return text == null ? null : Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static URI absolute(String uri) {
    try {
      URI parsed = uri == null ? null : URI.create(uri);
      return parsed != null && parsed.isAbsolute() ? parsed : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
