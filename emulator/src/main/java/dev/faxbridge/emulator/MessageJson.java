package dev.faxbridge.emulator;

import java.net.URI;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders a fax as the spec's {@code GetMessageInfoResponse}: numeric ids, {@code extensionId} as a
 * string, the attachment {@code uri} absolute on the media base URL.
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
    if (fax.hasContent()) {
      ObjectNode attachment = json.putArray("attachments").addObject();
      attachment.put("id", fax.attachmentId());
      attachment.put("uri", media + path(fax) + "/content/" + fax.attachmentId());
      attachment.put("type", "RenderedDocument");
      attachment.put("contentType", fax.document().contentType());
      attachment.put("size", fax.document().size());
      attachment.put("fileName", fileName(fax));
    } else {
      json.putArray("attachments");
    }
    json.put("direction", "Inbound");
    json.put("availability", fax.availability());
    json.put("subject", fax.from());
    json.put("messageStatus", "Received");
    json.put("faxResolution", "High");
    json.put("faxPageCount", fax.document().pageCount());
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

  static String fileName(StoredFax fax) {
    return fax.id() + (fax.document().contentType().equals(InboundFaxSpec.TIFF) ? ".tif" : ".pdf");
  }
}
