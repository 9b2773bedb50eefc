package dev.faxbridge.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What every destination says about a fax, built in one place so the FHIR resources, the MDM
 * message and the webhook carry the same facts the same way. Holds PHI (numbers, the sender's
 * name): never log it whole.
 *
 * @param documentId the fax's stable identity, the idempotency key at every destination
 * @param senderName the sender's name as the platform gives it (any script, unaltered), or null
 * @param pageCount null when the platform does not say
 * @param location the label of the destination's location (a department, a site), or null
 */
public record FaxMetadata(
    String documentId,
    UUID faxId,
    String tenantSlug,
    Instant receivedAt,
    String fromNumber,
    String senderName,
    String toNumber,
    Integer pageCount,
    String contentType,
    long size,
    String sha256,
    String location) {

  /** The one timestamp format of every destination: UTC, always with milliseconds. */
  public static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** The metadata of a document as the ledger holds it, with the destination's location. */
  public static FaxMetadata of(FaxDocument document, String location) {
    var source = document.fax().source();
    return new FaxMetadata(
        document.fax().sourceKey(),
        document.fax().id(),
        document.tenant().slug(),
        source.receivedAt(),
        source.fromNumber(),
        source.senderName(),
        source.toNumber(),
        source.pageCount(),
        document.document().contentType(),
        document.document().size(),
        document.document().sha256(),
        location);
  }

  public static String timestamp(Instant instant) {
    return TIMESTAMP.format(instant);
  }

  /**
   * A short hex digest of {@link #documentId}, for identifiers with a length or alphabet limit
   * (FHIR ids, HL7 message control ids); stable for the fax like the id itself.
   */
  public String documentDigest(int hexDigits) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(documentId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, hexDigits);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /** A one-line human title, e.g. "Fax from Riverside Lab, 3 pages". */
  public String title() {
    String from = senderName != null ? senderName : fromNumber;
    String pages =
        pageCount == null ? "" : ", " + pageCount + (pageCount == 1 ? " page" : " pages");
    return "Fax from " + (from == null ? "an unknown sender" : from) + pages;
  }

  /** The metadata as JSON fields, in a fixed order; absent values are JSON nulls. */
  public Map<String, Object> asJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", documentId);
    json.put("faxId", faxId.toString());
    json.put("tenant", tenantSlug);
    json.put("receivedAt", timestamp(receivedAt));
    json.put("from", fromNumber);
    json.put("senderName", senderName);
    json.put("to", toNumber);
    json.put("pageCount", pageCount);
    json.put("contentType", contentType);
    json.put("size", size);
    json.put("sha256", sha256);
    json.put("location", location);
    return json;
  }

  @Override
  public String toString() {
    return "FaxMetadata[id=" + documentId + ", faxId=" + faxId + "]";
  }
}
