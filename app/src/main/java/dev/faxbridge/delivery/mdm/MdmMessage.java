package dev.faxbridge.delivery.mdm;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.DataTypeException;
import ca.uhn.hl7v2.model.v25.datatype.CE;
import ca.uhn.hl7v2.model.v25.datatype.ED;
import ca.uhn.hl7v2.model.v25.datatype.NM;
import ca.uhn.hl7v2.model.v25.datatype.ST;
import ca.uhn.hl7v2.model.v25.message.MDM_T02;
import ca.uhn.hl7v2.model.v25.segment.MSH;
import ca.uhn.hl7v2.model.v25.segment.OBX;
import ca.uhn.hl7v2.model.v25.segment.PID;
import ca.uhn.hl7v2.model.v25.segment.TXA;
import dev.faxbridge.delivery.FaxMetadata;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * Builds the MDM^T02 of one fax: MSH, EVN, PID (the placeholder patient), PV1 (the location), TXA
 * with the fax's identity as the unique document number (TXA-12), so a receiver replaces rather
 * than adds on a repeat, and OBX segments: the document as ED base64 first, then the sender,
 * receiving number and page count as local observations.
 */
final class MdmMessage {

  /** HL7 DTM in the one timestamp shape of every destination: UTC, always milliseconds. */
  static final DateTimeFormatter HL7_TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss.SSS'+0000'").withZone(ZoneOffset.UTC);

  static final String CODING_SYSTEM = "L";

  private MdmMessage() {}

  static MDM_T02 build(MdmSettings settings, FaxMetadata metadata, byte[] document, Instant now)
      throws HL7Exception {
    MDM_T02 message = new MDM_T02();
    header(message.getMSH(), settings, metadata, now);
    message.getEVN().getEventTypeCode().setValue("T02");
    message.getEVN().getRecordedDateTime().getTime().setValue(hl7(now));
    patient(message.getPID(), settings.placeholderPatient());
    message.getPV1().getSetIDPV1().setValue("1");
    message.getPV1().getPatientClass().setValue("N");
    if (metadata.location() != null) {
      message.getPV1().getAssignedPatientLocation().getPointOfCare().setValue(metadata.location());
    }
    document(message.getTXA(), settings, metadata);

    OBX content = message.getOBXNTE(0).getOBX();
    observation(content, 1, "ED", "FAXDOC", "Fax document", metadata);
    ED ed = new ED(message);
    ed.getSourceApplication().getNamespaceID().setValue(settings.sendingApplication());
    boolean tiff = "image/tiff".equals(metadata.contentType());
    ed.getTypeOfData().setValue(tiff ? "IM" : "AP");
    ed.getDataSubtype().setValue(tiff ? "TIFF" : "PDF");
    ed.getEncoding().setValue("Base64");
    ed.getData().setValue(Base64.getEncoder().encodeToString(document));
    content.getObservationValue(0).setData(ed);

    int setId = 2;
    setId = text(message, setId, "FAXFROM", "Sender fax number", metadata.fromNumber(), metadata);
    setId = text(message, setId, "FAXSENDER", "Sender name", metadata.senderName(), metadata);
    setId = text(message, setId, "FAXTO", "Receiving fax number", metadata.toNumber(), metadata);
    if (metadata.pageCount() != null) {
      OBX pages = message.getOBXNTE(setId - 1).getOBX();
      observation(pages, setId, "NM", "FAXPAGES", "Page count", metadata);
      NM count = new NM(message);
      count.setValue(String.valueOf(metadata.pageCount()));
      pages.getObservationValue(0).setData(count);
    }
    return message;
  }

  static String hl7(Instant instant) {
    return HL7_TIMESTAMP.format(instant);
  }

  private static void header(MSH msh, MdmSettings settings, FaxMetadata metadata, Instant now)
      throws DataTypeException {
    msh.getFieldSeparator().setValue("|");
    msh.getEncodingCharacters().setValue("^~\\&");
    msh.getSendingApplication().getNamespaceID().setValue(settings.sendingApplication());
    msh.getSendingFacility()
        .getNamespaceID()
        .setValue(
            settings.sendingFacility() != null
                ? settings.sendingFacility()
                : metadata.tenantSlug());
    msh.getReceivingApplication().getNamespaceID().setValue(settings.receivingApplication());
    msh.getReceivingFacility().getNamespaceID().setValue(settings.receivingFacility());
    msh.getDateTimeOfMessage().getTime().setValue(hl7(now));
    msh.getMessageType().getMessageCode().setValue("MDM");
    msh.getMessageType().getTriggerEvent().setValue("T02");
    msh.getMessageType().getMessageStructure().setValue("MDM_T02");
    // Stable per fax, like TXA-12: a repeat is the same message sent again.
    msh.getMessageControlID().setValue(metadata.documentDigest(20));
    msh.getProcessingID().getProcessingID().setValue(settings.processingId());
    msh.getVersionID().getVersionID().setValue("2.5");
    msh.getCharacterSet(0).setValue("UNICODE UTF-8");
  }

  private static void patient(PID pid, MdmSettings.PlaceholderPatient placeholder)
      throws DataTypeException {
    pid.getSetIDPID().setValue("1");
    pid.getPatientIdentifierList(0).getIDNumber().setValue(placeholder.id());
    pid.getPatientIdentifierList(0)
        .getAssigningAuthority()
        .getNamespaceID()
        .setValue(placeholder.assigningAuthority());
    pid.getPatientName(0).getFamilyName().getSurname().setValue(placeholder.familyName());
    pid.getPatientName(0).getGivenName().setValue(placeholder.givenName());
  }

  private static void document(TXA txa, MdmSettings settings, FaxMetadata metadata)
      throws DataTypeException {
    txa.getSetIDTXA().setValue("1");
    txa.getDocumentType().setValue(settings.documentType());
    txa.getDocumentContentPresentation().setValue("AP");
    txa.getActivityDateTime().getTime().setValue(hl7(metadata.receivedAt()));
    txa.getOriginationDateTime().getTime().setValue(hl7(metadata.receivedAt()));
    txa.getUniqueDocumentNumber().getEntityIdentifier().setValue(metadata.documentId());
    txa.getUniqueDocumentNumber().getNamespaceID().setValue(settings.sendingApplication());
    txa.getDocumentCompletionStatus().setValue("DO");
    txa.getDocumentAvailabilityStatus().setValue("AV");
  }

  private static int text(
      MDM_T02 message, int setId, String code, String name, String value, FaxMetadata metadata)
      throws HL7Exception {
    if (value == null) {
      return setId;
    }
    OBX obx = message.getOBXNTE(setId - 1).getOBX();
    observation(obx, setId, "ST", code, name, metadata);
    ST text = new ST(message);
    text.setValue(value);
    obx.getObservationValue(0).setData(text);
    return setId + 1;
  }

  private static void observation(
      OBX obx, int setId, String valueType, String code, String name, FaxMetadata metadata)
      throws DataTypeException {
    obx.getSetIDOBX().setValue(String.valueOf(setId));
    obx.getValueType().setValue(valueType);
    CE identifier = obx.getObservationIdentifier();
    identifier.getIdentifier().setValue(code);
    identifier.getText().setValue(name);
    identifier.getNameOfCodingSystem().setValue(CODING_SYSTEM);
    obx.getObservationResultStatus().setValue("F");
    obx.getDateTimeOfTheObservation().getTime().setValue(hl7(metadata.receivedAt()));
  }
}
