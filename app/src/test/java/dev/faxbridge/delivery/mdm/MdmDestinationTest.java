package dev.faxbridge.delivery.mdm;

import static dev.faxbridge.testing.Outcomes.rejectedReason;
import static dev.faxbridge.testing.Outcomes.retryLaterReason;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.model.Primitive;
import ca.uhn.hl7v2.model.v25.datatype.ED;
import ca.uhn.hl7v2.model.v25.message.MDM_T02;
import ca.uhn.hl7v2.model.v25.segment.OBX;
import dev.faxbridge.delivery.DeliveryOutcome;
import dev.faxbridge.delivery.DocumentSizeLimit;
import dev.faxbridge.delivery.FaxDocument;
import dev.faxbridge.testing.StagedFaxes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MdmDestinationTest {

  @TempDir Path staging;
  private StagedFaxes faxes;
  private MllpReceiver receiver;
  private final Clock clock =
      Clock.fixed(Instant.parse("2026-11-27T10:16:00.250Z"), ZoneOffset.UTC);

  @BeforeEach
  void startReceiver() throws Exception {
    faxes = new StagedFaxes(staging);
    receiver = new MllpReceiver();
  }

  @AfterEach
  void stopReceiver() throws Exception {
    receiver.close();
  }

  @Test
  void sendsAnMdmT02WithTheDocumentAndCountsItDeliveredOnceAcknowledged() throws Exception {
    byte[] content = StagedFaxes.pdf(40_000);
    FaxDocument document = faxes.document("42", content);

    DeliveryOutcome outcome = destination(settings("Cardiology")).deliver(document);

    assertThat(outcome)
        .isEqualTo(new DeliveryOutcome.Delivered("MDM document " + document.fax().sourceKey()));
    MDM_T02 message = receiver.received().get(0);
    assertThat(message.getMSH().getMessageType().encode()).isEqualTo("MDM^T02^MDM_T02");
    assertThat(message.getMSH().getVersionID().getVersionID().getValue()).isEqualTo("2.5");
    assertThat(message.getMSH().getDateTimeOfMessage().encode())
        .isEqualTo("20261127101600.250+0000");
    assertThat(message.getEVN().getEventTypeCode().getValue()).isEqualTo("T02");
    assertThat(message.getPID().getPatientIdentifierList(0).getIDNumber().getValue())
        .isEqualTo("UNASSIGNED");
    assertThat(message.getPV1().getAssignedPatientLocation().getPointOfCare().getValue())
        .isEqualTo("Cardiology");
    assertThat(message.getTXA().getUniqueDocumentNumber().getEntityIdentifier().getValue())
        .isEqualTo(document.fax().sourceKey());
    assertThat(message.getTXA().getActivityDateTime().encode())
        .isEqualTo("20261127101530.000+0000");
    OBX obx = message.getOBXNTE(0).getOBX();
    assertThat(obx.getValueType().getValue()).isEqualTo("ED");
    ED ed = (ED) obx.getObservationValue(0).getData();
    assertThat(ed.getDataSubtype().getValue()).isEqualTo("PDF");
    assertThat(ed.getEncoding().getValue()).isEqualTo("Base64");
    assertThat(Base64.getDecoder().decode(ed.getData().getValue())).isEqualTo(content);
    assertThat(observation(message, "FAXFROM")).isEqualTo(StagedFaxes.FROM);
    assertThat(observation(message, "FAXTO")).isEqualTo(StagedFaxes.TO);
    assertThat(observation(message, "FAXPAGES")).isEqualTo("3");
  }

  @Test
  void aRepeatCarriesTheSameDocumentNumberSoTheReceiverReplacesIt() {
    FaxDocument document = faxes.document("42", StagedFaxes.pdf(1000));
    MdmDestination destination = destination(settings(null));

    DeliveryOutcome first = destination.deliver(document);
    DeliveryOutcome second = destination.deliver(document);

    assertThat(second).isEqualTo(first);
    assertThat(receiver.received()).hasSize(2);
    assertThat(receiver.documents()).hasSize(1);
    assertThat(receiver.received().get(1).getMSH().getMessageControlID().getValue())
        .isEqualTo(receiver.received().get(0).getMSH().getMessageControlID().getValue());
  }

  @Test
  void theSendersNameArrivesIntactInAnyScriptAndWithDelimiters() throws Exception {
    FaxDocument document = faxes.document("42", StagedFaxes.pdf(100));
    String name = "Smith & Sons | Клиника «Север» ^ 北診療所 مستشفى";

    destination(settings(null))
        .deliver(document.document(), StagedFaxes.withSender(document, name, null));

    assertThat(observation(receiver.received().get(0), "FAXSENDER")).isEqualTo(name);
  }

  @Test
  void anApplicationErrorIsRejectedWithTheReceiversReason() {
    receiver.answerWith(MllpReceiver.Answer.ERROR);

    DeliveryOutcome outcome =
        destination(settings(null)).deliver(faxes.document("42", StagedFaxes.pdf(100)));

    assertThat(rejectedReason(outcome)).contains("AE", "Unknown document type FAX");
  }

  @Test
  void anApplicationRejectIsRetriedLaterWithTheReceiversReason() {
    receiver.answerWith(MllpReceiver.Answer.REJECT);

    DeliveryOutcome outcome =
        destination(settings(null)).deliver(faxes.document("42", StagedFaxes.pdf(100)));

    assertThat(retryLaterReason(outcome)).contains("AR", "Document store is busy");
  }

  @Test
  void noAcknowledgementWithinTheTimeoutIsRetriedLater() {
    receiver.answerWith(MllpReceiver.Answer.SILENCE);
    MdmSettings impatient = settings(Duration.ofMillis(500), null, null);

    DeliveryOutcome outcome =
        destination(impatient).deliver(faxes.document("42", StagedFaxes.pdf(100)));

    assertThat(retryLaterReason(outcome)).contains("no acknowledgement");
  }

  @Test
  void aDocumentAboveTheLimitIsRefusedAndNeverSent() {
    MdmSettings small = settings(null, new DocumentSizeLimit(99), null);

    DeliveryOutcome outcome =
        destination(small).deliver(faxes.document("42", StagedFaxes.pdf(100)));

    assertThat(rejectedReason(outcome)).contains("limit of 99 bytes");
    assertThat(receiver.received()).isEmpty();
  }

  @Test
  void anUnreachableReceiverIsRetriedLater() throws Exception {
    DeliveryOutcome outcome =
        destination(MdmSettings.of("127.0.0.1", StagedFaxes.closedPort(), false))
            .deliver(faxes.document("42", new byte[10]));

    assertThat(retryLaterReason(outcome)).contains("could not be reached");
  }

  private MdmSettings settings(String location) {
    return settings(null, null, location);
  }

  private MdmSettings settings(Duration timeout, DocumentSizeLimit limit, String location) {
    return new MdmSettings(
        "127.0.0.1",
        receiver.port(),
        false,
        timeout,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        limit,
        location);
  }

  private MdmDestination destination(MdmSettings settings) {
    return new MdmDestination(settings, clock);
  }

  private static String observation(MDM_T02 message, String code) throws Exception {
    for (var group : message.getOBXNTEAll()) {
      OBX obx = group.getOBX();
      if (code.equals(obx.getObservationIdentifier().getIdentifier().getValue())) {
        return ((Primitive) obx.getObservationValue(0).getData()).getValue();
      }
    }
    throw new AssertionError("no OBX " + code);
  }
}
