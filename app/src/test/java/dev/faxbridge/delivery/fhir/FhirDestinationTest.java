package dev.faxbridge.delivery.fhir;

import static dev.faxbridge.testing.Outcomes.rejectedReason;
import static dev.faxbridge.testing.Outcomes.retryLaterReason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.delivery.DeliveryOutcome;
import dev.faxbridge.delivery.DocumentSizeLimit;
import dev.faxbridge.delivery.FaxDocument;
import dev.faxbridge.testing.StagedFaxes;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Organization;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FhirDestinationTest {

  @TempDir Path staging;
  @TempDir Path serverDir;
  private StagedFaxes faxes;
  private InMemoryFhirServer server;

  @BeforeEach
  void startServer() throws Exception {
    faxes = new StagedFaxes(staging);
    server = new InMemoryFhirServer(serverDir);
  }

  @AfterEach
  void stopServer() throws Exception {
    server.close();
  }

  @Test
  void createsABinaryAndAnUnfiledDocumentReferenceThatTheValidatorAccepts() {
    byte[] content = StagedFaxes.pdf(50_000);
    FaxDocument document = faxes.document("42", content);

    DeliveryOutcome outcome = destination(null, "Cardiology").deliver(document);

    assertThat(outcome).isEqualTo(new DeliveryOutcome.Delivered("DocumentReference/1"));
    Binary binary = server.binaries().get(0);
    assertThat(binary.getContentType()).isEqualTo("application/pdf");
    assertThat(binary.getData()).isEqualTo(content);
    DocumentReference reference = server.documentReferences().get(0);
    assertThat(reference.getStatus()).isEqualTo(Enumerations.DocumentReferenceStatus.CURRENT);
    assertThat(reference.hasSubject()).isFalse();
    assertThat(reference.getCategoryFirstRep().getCodingFirstRep().getCode())
        .isEqualTo("unfiled-inbound-fax");
    assertThat(reference.getIdentifierFirstRep().getValue()).isEqualTo(document.fax().sourceKey());
    assertThat(reference.getDateElement().getValueAsString()).isEqualTo("2026-11-27T10:15:30.000Z");
    assertThat(reference.getContentFirstRep().getAttachment().getUrl())
        .isEqualTo(binary.getIdElement().toUnqualifiedVersionless().getValue());
    assertThat(reference.getContentFirstRep().getAttachment().getSize()).isEqualTo(50_000);
    assertThat(reference.getContentFirstRep().getAttachment().getContentType())
        .isEqualTo("application/pdf");
    assertThat(reference.getExtensionByUrl(FaxResources.PAGE_COUNT_EXTENSION).getValue())
        .hasToString("UnsignedIntType[3]");
    assertThat(fax(contained(reference, "sender"))).isEqualTo(StagedFaxes.FROM);
    assertThat(fax(contained(reference, "recipient"))).isEqualTo(StagedFaxes.TO);
    assertThat(contained(reference, "recipient").getName()).isEqualTo("Cardiology");

    assertThat(errors(server.transactions().get(0))).isEmpty();
    assertThat(errors(reference)).isEmpty();
    assertThat(errors(binary)).isEmpty();
  }

  @Test
  void deliveringAgainCreatesNothingNewAndReportsTheSameDocumentReference() {
    FaxDocument document = faxes.document("42", StagedFaxes.pdf(1000));
    FhirDestination destination = destination(null, null);

    DeliveryOutcome first = destination.deliver(document);
    DeliveryOutcome second = destination.deliver(document);
    destination.deliver(faxes.document("43", StagedFaxes.pdf(1000)));

    assertThat(second).isEqualTo(first);
    assertThat(server.transactions()).hasSize(3);
    assertThat(server.documentReferences()).hasSize(2);
    assertThat(server.binaries()).hasSize(2);
  }

  @Test
  void theSendersNameArrivesIntactInAnyScript() {
    FaxDocument document = faxes.document("42", StagedFaxes.pdf(100));
    String name = "Клиника «Север» 北診療所 مستشفى";

    destination(null, null)
        .deliver(document.document(), StagedFaxes.withSender(document, name, null));

    assertThat(contained(server.documentReferences().get(0), "sender").getName()).isEqualTo(name);
  }

  @Test
  void sendsBasicOrBearerCredentials() {
    FaxDocument document = faxes.document("42", StagedFaxes.pdf(100));

    destination(new FhirSettings.Authentication.Basic("faxbridge", "s3cret"), null)
        .deliver(document);
    destination(new FhirSettings.Authentication.Bearer("token-123"), null).deliver(document);
    destination(null, null).deliver(document);

    assertThat(server.authorizations())
        .containsExactly(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("faxbridge:s3cret".getBytes(StandardCharsets.UTF_8)),
            "Bearer token-123",
            "null");
  }

  @Test
  void aDocumentAboveTheLimitIsRefusedWithTheReasonAndNeverSent() throws Exception {
    FaxDocument document = faxes.document("42", StagedFaxes.pdf(2000));
    FhirDestination destination =
        new FhirDestination(
            new FhirSettings(
                server.baseUrl(), null, null, new DocumentSizeLimit(1999), null, null));
    Files.delete(document.document().path()); // proves the limit is checked before reading

    DeliveryOutcome outcome = destination.deliver(document);

    assertThat(rejectedReason(outcome))
        .contains("2000 bytes", "limit of 1999 bytes", "maxDocumentSize");
    assertThat(server.transactions()).isEmpty();
  }

  @Test
  void aServerErrorAsksToRetryLaterAndAnUnprocessableResourceIsRejectedWithTheServersReason() {
    FaxDocument document = faxes.document("42", StagedFaxes.pdf(100));

    server.failWith(500);
    DeliveryOutcome unavailable = destination(null, null).deliver(document);
    server.failWith(422);
    DeliveryOutcome refused = destination(null, null).deliver(document);

    assertThat(retryLaterReason(unavailable)).contains("HTTP 500", "The document store is offline");
    assertThat(rejectedReason(refused))
        .contains("HTTP 422", "DocumentReference.status is not allowed here");
    assertThat(server.documentReferences()).isEmpty();
  }

  @Test
  void anUnreachableServerAsksToRetryLater() throws Exception {
    int closedPort = StagedFaxes.closedPort();
    FhirDestination destination =
        new FhirDestination(
            new FhirSettings(
                URI.create("http://127.0.0.1:" + closedPort + "/fhir"),
                null,
                null,
                null,
                null,
                null));

    DeliveryOutcome outcome = destination.deliver(faxes.document("42", new byte[10]));

    assertThat(retryLaterReason(outcome)).contains("could not be reached");
  }

  private FhirDestination destination(FhirSettings.Authentication authentication, String location) {
    return new FhirDestination(
        new FhirSettings(server.baseUrl(), authentication, null, null, null, location));
  }

  private static Organization contained(DocumentReference reference, String id) {
    return reference.getContained().stream()
        .filter(r -> r.getIdElement().getIdPart().equals(id))
        .map(Organization.class::cast)
        .findFirst()
        .orElseThrow();
  }

  private static String fax(Organization organization) {
    return organization.getTelecom().stream()
        .filter(t -> t.getSystem() == ContactPoint.ContactPointSystem.FAX)
        .map(ContactPoint::getValue)
        .findFirst()
        .orElseThrow();
  }

  private static List<String> errors(IBaseResource resource) {
    return FhirValidation.errors(resource);
  }
}
