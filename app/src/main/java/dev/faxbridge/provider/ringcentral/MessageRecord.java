package dev.faxbridge.provider.ringcentral;

import dev.faxbridge.provider.ListedFax;
import dev.faxbridge.provider.ProviderException;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Reads the fax documents out of one message-store record. */
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
    Instant receivedAt = instant(record, "creationTime", messageId);
    String from = Json.text(record.get("from"), "phoneNumber");
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
    for (JsonNode attachment : attachments) {
      String contentType = Json.text(attachment, "contentType");
      if (contentType == null || !DocumentType.isFaxDocument(contentType.split(";")[0].trim())) {
        continue;
      }
      String uri = Json.text(attachment, "uri");
      if (uri == null) {
        throw new ProviderException.Unavailable(
            "Attachment of message " + messageId + " has no uri");
      }
      JsonNode size = attachment.get("size");
      documents.add(
          new ListedFax(
              accountId,
              mailboxId,
              messageId,
              Json.requiredId(attachment, "id", "attachment"),
              receivedAt,
              from,
              toNumber,
              pages,
              contentType.split(";")[0].trim(),
              size != null && size.canConvertToLong() ? size.asLong() : null,
              parseUri(uri, messageId)));
    }
    return documents;
  }

  private static Instant instant(JsonNode record, String field, String messageId) {
    String text = Json.text(record, field);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException | NullPointerException e) {
      throw new ProviderException.Unavailable(
          "Message " + messageId + " has no valid " + field + " ('" + text + "')");
    }
  }

  private static URI parseUri(String uri, String messageId) {
    try {
      URI parsed = URI.create(uri);
      if (!parsed.isAbsolute()) {
        throw new IllegalArgumentException("not absolute");
      }
      return parsed;
    } catch (IllegalArgumentException e) {
      throw new ProviderException.Unavailable(
          "Attachment of message " + messageId + " has an unusable uri");
    }
  }
}
