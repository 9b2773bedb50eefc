package dev.faxbridge.delivery.fhir;

import dev.faxbridge.delivery.FaxMetadata;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.UnsignedIntType;

/**
 * The transaction bundle of one fax: a {@code Binary} with the document, written with PUT at an id
 * derived from the fax's identity (a repeat rewrites the same resource), and a base-R4 {@code
 * DocumentReference} created on condition that none carries the fax's identifier yet (a repeat
 * creates nothing). The reference has no subject, since the patient is not known until staff file
 * the fax, and a category that marks it as an unfiled inbound fax.
 */
final class FaxResources {

  static final String CATEGORY_SYSTEM = "urn:faxbridge:document-category";
  static final String UNFILED_INBOUND_FAX = "unfiled-inbound-fax";
  static final String PAGE_COUNT_EXTENSION = "urn:faxbridge:fhir:page-count";

  private FaxResources() {}

  static Bundle transaction(
      FaxMetadata metadata, byte[] document, String baseUrl, String identifierSystem) {
    String binaryId = binaryId(metadata);
    Binary binary = new Binary();
    binary.setId(binaryId);
    binary.setContentType(metadata.contentType());
    binary.setData(document);

    Bundle bundle = new Bundle();
    bundle.setType(Bundle.BundleType.TRANSACTION);
    bundle
        .addEntry()
        .setFullUrl(baseUrl + "/Binary/" + binaryId)
        .setResource(binary)
        .getRequest()
        .setMethod(Bundle.HTTPVerb.PUT)
        .setUrl("Binary/" + binaryId);
    bundle
        .addEntry()
        .setFullUrl(
            "urn:uuid:"
                + UUID.nameUUIDFromBytes(metadata.documentId().getBytes(StandardCharsets.UTF_8)))
        .setResource(documentReference(metadata, "Binary/" + binaryId, identifierSystem))
        .getRequest()
        .setMethod(Bundle.HTTPVerb.POST)
        .setUrl("DocumentReference")
        .setIfNoneExist(
            "identifier="
                + URLEncoder.encode(
                    identifierSystem + "|" + metadata.documentId(), StandardCharsets.UTF_8));
    return bundle;
  }

  static String binaryId(FaxMetadata metadata) {
    return "fax-" + metadata.documentDigest(40);
  }

  static DocumentReference documentReference(
      FaxMetadata metadata, String binaryUrl, String identifierSystem) {
    DocumentReference reference = new DocumentReference();
    reference.addIdentifier().setSystem(identifierSystem).setValue(metadata.documentId());
    reference.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
    reference.addCategory(
        new CodeableConcept()
            .addCoding(new Coding(CATEGORY_SYSTEM, UNFILED_INBOUND_FAX, "Unfiled inbound fax"))
            .setText("Unfiled inbound fax"));
    reference.setDateElement(new InstantType(FaxMetadata.timestamp(metadata.receivedAt())));
    reference.setDescription(metadata.title());

    // An Organization needs a name; without the sender's name the number is what identifies it.
    Organization sender =
        organization(
            "sender",
            metadata.senderName() != null ? metadata.senderName() : metadata.fromNumber(),
            metadata.fromNumber());
    Organization recipient =
        organization(
            "recipient",
            metadata.location() != null ? metadata.location() : metadata.tenantSlug(),
            metadata.toNumber());
    reference.addContained(sender);
    reference.addContained(recipient);
    reference.addAuthor(new Reference("#sender"));
    reference.setCustodian(new Reference("#recipient"));

    DocumentReference.DocumentReferenceContentComponent content = reference.addContent();
    content
        .getAttachment()
        .setContentType(metadata.contentType())
        .setUrl(binaryUrl)
        .setSize((int) metadata.size())
        .setTitle(metadata.title())
        .setCreationElement(new DateTimeType(FaxMetadata.timestamp(metadata.receivedAt())));
    if (metadata.pageCount() != null) {
      reference
          .addExtension()
          .setUrl(PAGE_COUNT_EXTENSION)
          .setValue(new UnsignedIntType(metadata.pageCount()));
    }
    return reference;
  }

  private static Organization organization(String id, String name, String faxNumber) {
    Organization organization = new Organization();
    organization.setId(id);
    organization.setName(name);
    if (faxNumber != null) {
      organization.addTelecom().setSystem(ContactPoint.ContactPointSystem.FAX).setValue(faxNumber);
    }
    return organization;
  }
}
