package dev.faxbridge.delivery.mdm;

import dev.faxbridge.delivery.DocumentSizeLimit;
import java.time.Duration;

/**
 * One HL7 v2.5 MDM^T02 destination over MLLP.
 *
 * @param host the receiver's host name (checked against its certificate when {@code tls})
 * @param port the receiver's MLLP port
 * @param tls whether to speak TLS, with the JVM's trust store and host name verification
 * @param timeout for connecting and for the acknowledgement; default 30 seconds
 * @param sendingApplication MSH-3; default {@code FAXBRIDGE}
 * @param sendingFacility MSH-4, or null for the tenant's slug
 * @param receivingApplication MSH-5, or null
 * @param receivingFacility MSH-6, or null
 * @param processingId MSH-11: {@code P} (production, the default), {@code T} or {@code D}
 * @param placeholderPatient the PID of every message, since the patient is not known yet
 * @param documentType TXA-2; default {@code FAX}
 * @param maxDocumentSize a larger document is refused, never buffered; default 16 MiB
 * @param location the location label, sent as PV1-3 point of care, or null
 */
public record MdmSettings(
    String host,
    int port,
    boolean tls,
    Duration timeout,
    String sendingApplication,
    String sendingFacility,
    String receivingApplication,
    String receivingFacility,
    String processingId,
    PlaceholderPatient placeholderPatient,
    String documentType,
    DocumentSizeLimit maxDocumentSize,
    String location) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  public MdmSettings {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("An MLLP destination needs a host");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("The MLLP port must be 1 to 65535, was " + port);
    }
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("The MLLP timeout must be positive, was " + timeout);
    }
    sendingApplication = blankTo(sendingApplication, "FAXBRIDGE");
    processingId = blankTo(processingId, "P");
    if (!processingId.matches("[PTD]")) {
      throw new IllegalArgumentException(
          "The processing id (MSH-11) is P, T or D, was '" + processingId + "'");
    }
    placeholderPatient =
        placeholderPatient == null ? PlaceholderPatient.DEFAULT : placeholderPatient;
    documentType = blankTo(documentType, "FAX");
    maxDocumentSize = maxDocumentSize == null ? DocumentSizeLimit.DEFAULT : maxDocumentSize;
  }

  /** Only what is needed: host, port and TLS; everything else takes its default. */
  public static MdmSettings of(String host, int port, boolean tls) {
    return new MdmSettings(
        host, port, tls, null, null, null, null, null, null, null, null, null, null);
  }

  /**
   * The patient an MDM^T02 must name (PID is required) while the fax is not yet filed to one. The
   * receiver routes messages with this identifier to its unfiled-document queue.
   *
   * @param id PID-3.1
   * @param assigningAuthority PID-3.4
   * @param familyName PID-5.1
   * @param givenName PID-5.2
   */
  public record PlaceholderPatient(
      String id, String assigningAuthority, String familyName, String givenName) {

    public static final PlaceholderPatient DEFAULT =
        new PlaceholderPatient("UNASSIGNED", "FAXBRIDGE", "UNASSIGNED", "FAX");

    public PlaceholderPatient {
      if (id == null || id.isBlank() || familyName == null || familyName.isBlank()) {
        throw new IllegalArgumentException("A placeholder patient needs an id and a family name");
      }
    }
  }

  private static String blankTo(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
