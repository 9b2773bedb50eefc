package dev.faxbridge.emulator;

import java.net.URI;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders a fax as the spec's {@code GetMessageInfoResponse}: numeric ids, {@code extensionId} as a
 * string, one attachment per document with its {@code uri} absolute on the media base URL, {@code
 * faxPageCount} the pages of all documents.
 */
final class MessageJson {

  private MessageJson() {}

  static String path(StoredFax fax) {
    return "/restapi/v1.0/account/"
        + fax.accountId()
        + "/extension/"
        + fax.extensionId()
        + "/message-store/"
        + fax.id();
  }

  static ObjectNode render(StoredFax fax, URI platform, URI media) {
    ObjectNode json = Json.object();
    json.put("uri", platform + path(fax));
    json.put("id", fax.id());
    json.put("extensionId", fax.extensionId());
    ObjectNode to = json.putArray("to").addObject();
    to.put("phoneNumber", fax.to());
    to.put("name", fax.toName());
    to.put("location", "");
    ObjectNode from = json.putObject("from");
    from.put("phoneNumber", fax.from());
    if (fax.fromName() != null) {
      from.put("name", fax.fromName());
    }
    from.put("location", "");
    json.put("type", "Fax");
    json.put("creationTime", Json.time(fax.creationTime()));
    json.put("readStatus", fax.readStatus());
    json.put("priority", "Normal");
    ArrayNode attachments = json.putArray("attachments");
    if (fax.hasContent()) {
      for (StoredAttachment stored : fax.attachments()) {
        ObjectNode attachment = attachments.addObject();
        attachment.put("id", stored.id());
        attachment.put("uri", media + path(fax) + "/content/" + stored.id());
        attachment.put("type", "RenderedDocument");
        attachment.put("contentType", stored.document().contentType());
        attachment.put("size", stored.document().size());
        attachment.put("fileName", fileName(fax, stored));
      }
    }
    json.put("direction", "Inbound");
    json.put("availability", fax.availability());
    json.put("subject", fax.from());
    json.put("messageStatus", "Received");
    json.put("faxResolution", "High");
    json.put("faxPageCount", fax.pageCount());
    json.put("lastModifiedTime", Json.time(fax.lastModifiedTime()));
    return json;
  }

  /** The form an event or a sync answer uses for a deleted or purged record: id and state only. */
  static ObjectNode tombstone(StoredFax fax, URI platform) {
    ObjectNode json = Json.object();
    json.put("id", fax.id());
    json.put("uri", platform + path(fax));
    json.put("availability", fax.availability());
    json.put("lastModifiedTime", Json.time(fax.lastModifiedTime()));
    return json;
  }

  /** {@code <message id>.pdf} for the first document, {@code <message id>-<n>.pdf} for the n-th. */
  static String fileName(StoredFax fax, StoredAttachment attachment) {
    int n = fax.attachments().indexOf(attachment) + 1;
    String extension =
        attachment.document().contentType().equals(InboundFaxSpec.TIFF) ? ".tif" : ".pdf";
    return fax.id() + (n > 1 ? "-" + n : "") + extension;
  }
}
