package dev.faxbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.hl7v2.model.v25.message.MDM_T02;
import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.delivery.fhir.FhirValidation;
import dev.faxbridge.delivery.fhir.InMemoryFhirServer;
import dev.faxbridge.delivery.mdm.MllpReceiver;
import dev.faxbridge.delivery.webhook.SigningReceiver;
import dev.faxbridge.emulator.FaxMessage;
import dev.faxbridge.emulator.InboundFaxSpec;
import dev.faxbridge.emulator.RingCentralEmulator;
import dev.faxbridge.fax.FaxDeliveries;
import dev.faxbridge.fax.FaxLedger;
import dev.faxbridge.fax.FaxState;
import dev.faxbridge.fax.InboundFax;
import dev.faxbridge.tenant.TenantId;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.DropFolder;
import dev.faxbridge.testing.FaxbridgeInstance;
import dev.faxbridge.testing.Operator;
import dev.faxbridge.testing.TestEnvironment;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.DocumentReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Faxes routed by the number dialled reach the destinations their rules name (a FHIR server, an
 * MLLP receiver, a signed webhook, a folder), once each, also when delivered again after a crash
 * between the destinations' deliveries and the ledger's commit; a destination that fails retries
 * and dead-letters on its own while the others deliver.
 */
@ExtendWith(OutputCaptureExtension.class)
class RoutedDeliveryTest {

  private static final String CARDIOLOGY_LINE = "+16505550199";
  private static final String FRONT_DESK_LINE = "+16505550123";
  private static final String SENDER = "Clínica Ñandú — 東京医院";
  private static final String WEBHOOK_SECRET = "cardiology-webhook-secret-0123";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path data;
  @TempDir Path fhirDir;
  @TempDir Path frontDesk;
  private RingCentralEmulator emulator;
  private TestEnvironment environment;
  private InMemoryFhirServer fhir;
  private MllpReceiver mllp;
  private SigningReceiver webhook;

  @BeforeEach
  void start() throws Exception {
    emulator = RingCentralEmulator.builder().start();
    environment = TestEnvironment.create(emulator, data);
    fhir = new InMemoryFhirServer(fhirDir);
    mllp = new MllpReceiver();
    webhook = new SigningReceiver(WEBHOOK_SECRET);
  }

  @AfterEach
  void stop() throws Exception {
    webhook.close();
    mllp.close();
    fhir.close();
    emulator.close();
  }

  @Test
  void aFaxRoutedByItsNumberReachesItsDestinationsOnceEachAlsoAfterACrashBeforeTheLedgerCommit()
      throws Exception {
    Clinic clinic = Clinic.create(emulator, environment.app().clientId(), "Heart");
    FaxMessage cardiology =
        emulator.deliverFax(
            clinic.account().id(),
            clinic.mailboxIds().get(0),
            InboundFaxSpec.of("+16505550100", CARDIOLOGY_LINE, 2).senderName(SENDER));
    emulator.deliverFax(
        clinic.account().id(),
        clinic.mailboxIds().get(0),
        InboundFaxSpec.of("+16505550100", FRONT_DESK_LINE, 1));
    ConnectionId connection;
    TenantId tenant;
    UUID cardiologyFax;
    try (FaxbridgeInstance faxbridge = FaxbridgeInstance.start(environment.properties())) {
      connection = Operator.connect(faxbridge, "heart", clinic);
      tenant = faxbridge.bean(Connections.class).get(connection).tenantId();
      String toFhir =
          Operator.addDestination(
              faxbridge,
              "heart",
              "{\"name\":\"cardiology-fhir\",\"kind\":\"fhir\",\"location\":\"Cardiology\","
                  + "\"settings\":{\"baseUrl\":\""
                  + fhir.baseUrl()
                  + "\"}}");
      String toMllp =
          Operator.addDestination(
              faxbridge,
              "heart",
              "{\"name\":\"cardiology-hl7\",\"kind\":\"hl7-mllp\",\"location\":\"Cardiology\","
                  + "\"settings\":{\"host\":\"127.0.0.1\",\"port\":"
                  + mllp.port()
                  + ",\"timeoutSeconds\":10}}");
      String toWebhook =
          Operator.addDestination(
              faxbridge,
              "heart",
              "{\"name\":\"cardiology-hook\",\"kind\":\"webhook\",\"location\":\"Cardiology\","
                  + "\"settings\":{\"url\":\""
                  + webhook.url()
                  + "\"},\"secret\":\""
                  + WEBHOOK_SECRET
                  + "\"}");
      String toFolder =
          Operator.addDestination(
              faxbridge,
              "heart",
              "{\"name\":\"front-desk\",\"kind\":\"folder\",\"location\":\"Front desk\","
                  + "\"settings\":{\"root\":\""
                  + frontDesk
                  + "\"}}");
      for (String destination : List.of(toFhir, toMllp, toWebhook)) {
        rule(faxbridge, destination, "\"number\":\"+1 (650) 555-0199\"");
      }
      rule(faxbridge, toFolder, null);

      SyncReport report = faxbridge.bean(SyncConnection.class).run(connection);

      assertThat(report.delivered()).isEqualTo(2);
      FaxLedger ledger = faxbridge.bean(FaxLedger.class);
      cardiologyFax =
          ledger.forTenant(tenant).stream()
              .filter(f -> f.source().messageId().equals(cardiology.messageId()))
              .findFirst()
              .orElseThrow()
              .id();
      assertThat(ledger.forTenant(tenant)).allMatch(f -> f.state() == FaxState.DELIVERED);
      assertThat(faxbridge.bean(FaxDeliveries.class).forFax(cardiologyFax))
          .hasSize(3)
          .allMatch(d -> d.state() == FaxDeliveries.State.DELIVERED);
    }
    assertOnceEach(true);
    DropFolder front = DropFolder.of(frontDesk, "heart");
    assertThat(front.documents()).as("the other line's fax went to the default").hasSize(1);
    assertThat(Files.readString(front.sidecars().get(0))).contains("\"location\" : \"Front desk\"");
    assertThat(environment.inbox().resolve("heart")).as("not the global folder").doesNotExist();

    DocumentReference reference = fhir.documentReferences().get(0);
    assertThat(FhirValidation.errors(reference)).isEmpty();
    assertThat(FhirValidation.errors(fhir.binaries().get(0))).isEmpty();
    assertThat(fhir.transactions().get(0).getEntry()).hasSize(2);
    JsonNode metadata = JSON.readTree(webhook.stored().get(0).metadataJson());
    assertThat(metadata.get("senderName").asString()).isEqualTo(SENDER);
    assertThat(metadata.get("location").asString()).isEqualTo("Cardiology");
    assertThat(metadata.get("to").asString()).isEqualTo(CARDIOLOGY_LINE);
    MDM_T02 message = mllp.documents().values().iterator().next();
    assertThat(message.encode()).contains(SENDER).contains("Cardiology");

    // As after a crash between each destination's delivery and the ledger's commit: the ledger
    // says the fax and its destinations still wait. A second faxbridge on the database takes over.
    try (FaxbridgeInstance second = FaxbridgeInstance.start(environment.properties())) {
      JdbcClient jdbc = second.bean(JdbcClient.class);
      jdbc.sql(
              """
              update inbound_fax set state = 'DOWNLOADED', delivered_at = null, delivered_to = null,
                  attempts = 0, next_attempt_at = now(), claim_token = null where id = :id
              """)
          .param("id", cardiologyFax)
          .update();
      jdbc.sql(
              """
              update fax_delivery set state = 'PENDING', attempts = 0, delivered_to = null,
                  delivered_at = null, next_attempt_at = now() where fax_id = :id
              """)
          .param("id", cardiologyFax)
          .update();

      SyncReport again = second.bean(SyncConnection.class).run(connection);

      assertThat(again.delivered()).isEqualTo(1);
      InboundFax fax = second.bean(FaxLedger.class).find(cardiologyFax).orElseThrow();
      assertThat(fax.state()).isEqualTo(FaxState.DELIVERED);
      assertThat(fax.deliveredTo()).contains("cardiology-fhir: DocumentReference/1");
    }
    assertOnceEach(false);
    assertThat(mllp.received()).as("the repeat carried the same document number").hasSize(2);
  }

  @Test
  void aNakingAndASilentReceiverRetryAndDeadLetterOnTheirOwnWhileTheOthersDeliver()
      throws Exception {
    Clinic clinic = Clinic.create(emulator, environment.app().clientId(), "Lab");
    clinic.receiveFax(0, 1);
    Map<String, Object> properties = environment.properties();
    properties.put("faxbridge.sync.max-attempts", "2");
    properties.put("faxbridge.sync.retry-base", "10ms");
    properties.put("faxbridge.sync.retry-max", "10ms");
    try (MllpReceiver silent = new MllpReceiver();
        FaxbridgeInstance faxbridge = FaxbridgeInstance.start(properties)) {
      mllp.answerWith(MllpReceiver.Answer.REJECT);
      silent.answerWith(MllpReceiver.Answer.SILENCE);
      ConnectionId connection = Operator.connect(faxbridge, "lab", clinic);
      Operator.addDestination(
          faxbridge,
          "lab",
          "{\"name\":\"ehr\",\"kind\":\"fhir\",\"settings\":{\"baseUrl\":\""
              + fhir.baseUrl()
              + "\"}}");
      Operator.addDestination(
          faxbridge,
          "lab",
          "{\"name\":\"busy-hl7\",\"kind\":\"hl7-mllp\",\"settings\":{\"host\":\"127.0.0.1\","
              + "\"port\":"
              + mllp.port()
              + "}}");
      Operator.addDestination(
          faxbridge,
          "lab",
          "{\"name\":\"silent-hl7\",\"kind\":\"hl7-mllp\",\"settings\":{\"host\":\"127.0.0.1\","
              + "\"port\":"
              + silent.port()
              + ",\"timeoutSeconds\":1}}");
      Operator.addDestination(
          faxbridge,
          "lab",
          "{\"name\":\"hook\",\"kind\":\"webhook\",\"settings\":{\"url\":\""
              + webhook.url()
              + "\"},\"secret\":\""
              + WEBHOOK_SECRET
              + "\"}");
      SyncConnection sync = faxbridge.bean(SyncConnection.class);
      FaxLedger ledger = faxbridge.bean(FaxLedger.class);
      FaxDeliveries deliveries = faxbridge.bean(FaxDeliveries.class);

      sync.run(connection);

      UUID fax = firstFax(faxbridge, connection);
      assertThat(ledger.find(fax).orElseThrow().state()).isEqualTo(FaxState.FAILED);
      assertThat(fhir.documentReferences()).hasSize(1);
      assertThat(webhook.stored()).hasSize(1);
      assertThat(states(deliveries, fax))
          .containsEntry(FaxDeliveries.State.DELIVERED, 2L)
          .containsEntry(FaxDeliveries.State.PENDING, 2L);
      assertThat(deliveries.forFax(fax))
          .filteredOn(d -> d.state() == FaxDeliveries.State.PENDING)
          .extracting(FaxDeliveries.Delivery::lastError)
          .anySatisfy(e -> assertThat(e).contains("answered AR").contains("Document store is busy"))
          .anySatisfy(e -> assertThat(e).contains("sent no acknowledgement within 1000 ms"));

      await().until(() -> !ledger.due(connection, 10).isEmpty());
      sync.run(connection);

      assertThat(ledger.find(fax).orElseThrow().state()).isEqualTo(FaxState.ABANDONED);
      assertThat(states(deliveries, fax))
          .containsEntry(FaxDeliveries.State.DELIVERED, 2L)
          .containsEntry(FaxDeliveries.State.ABANDONED, 2L);
      assertThat(fhir.transactions()).as("a delivered destination is not sent again").hasSize(1);
      assertThat(audit(faxbridge, fax)).filteredOn("FAX_DESTINATION_ABANDONED"::equals).hasSize(2);

      // An operator fixes the receivers and retries the dead letter: only they are sent to.
      mllp.answerWith(MllpReceiver.Answer.ACCEPT);
      silent.answerWith(MllpReceiver.Answer.ACCEPT);
      HttpResponse<String> retried =
          faxbridge.api("POST", "/api/dead-letters/" + fax + "/retry", "");
      assertThat(retried.statusCode()).as(retried.body()).isLessThan(300);
      sync.run(connection);

      assertThat(ledger.find(fax).orElseThrow().state()).isEqualTo(FaxState.DELIVERED);
      assertThat(mllp.documents()).hasSize(1);
      assertThat(silent.documents()).hasSize(1);
      assertThat(fhir.transactions()).hasSize(1);
    }
  }

  @Test
  void aWebhookInLinkModeSendsASignedShortLivedDownloadUrlThatIsAuditedAndExpires(
      CapturedOutput output) throws Exception {
    Clinic clinic = Clinic.create(emulator, environment.app().clientId(), "Linked");
    FaxMessage sent = clinic.receiveFax(0, 1);
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Map<String, Object> properties = environment.properties();
    properties.put("server.port", String.valueOf(port));
    properties.put("faxbridge.delivery.document-links.base-url", "http://127.0.0.1:" + port);
    properties.put("faxbridge.delivery.document-links.ttl", "15m");
    properties.put("faxbridge.delivery.document-links.directory", data.resolve("links").toString());
    try (FaxbridgeInstance faxbridge = FaxbridgeInstance.start(properties, emulator.clock())) {
      ConnectionId connection = Operator.connect(faxbridge, "linked", clinic);
      Operator.addDestination(
          faxbridge,
          "linked",
          "{\"name\":\"hook\",\"kind\":\"webhook\",\"settings\":{\"url\":\""
              + webhook.url()
              + "\",\"document\":\"link\"},\"secret\":\""
              + WEBHOOK_SECRET
              + "\"}");

      assertThat(faxbridge.bean(SyncConnection.class).run(connection).delivered()).isEqualTo(1);

      SigningReceiver.Received received = webhook.stored().get(0);
      assertThat(webhook.refused()).isEmpty();
      assertThat(received.document()).as("the receiver downloaded the document").isNotNull();
      assertThat(received.document().length).isEqualTo(sent.size());
      assertThat(
              HexFormat.of()
                  .formatHex(MessageDigest.getInstance("SHA-256").digest(received.document())))
          .isEqualTo(sent.sha256());
      String url = received.documentUrl();
      assertThat(url).startsWith("http://127.0.0.1:" + port + "/documents/");
      UUID fax = firstFax(faxbridge, connection);
      assertThat(audit(faxbridge, fax)).contains("FAX_DOCUMENT_DOWNLOADED");

      String tampered = url.substring(0, url.length() - 2) + (url.endsWith("A") ? "BB" : "AA");
      assertThat(get(tampered)).as("a token with a wrong signature").isEqualTo(404);
      assertThat(get(url)).as("a genuine token within its time").isEqualTo(200);
      emulator.clock().advance(Duration.ofMinutes(16));
      assertThat(get(url)).as("a genuine token past its expiry").isEqualTo(410);
      String token = url.substring(url.lastIndexOf('/') + 1);
      assertThat(output.getAll()).as("the token is never logged").doesNotContain(token);
      assertThat(
              faxbridge
                  .bean(JdbcClient.class)
                  .sql(
                      "select detail::text from audit_event where kind = 'FAX_DOCUMENT_DOWNLOADED'")
                  .query(String.class)
                  .list())
          .hasSize(2)
          .noneMatch(detail -> detail.contains(token));
    }
  }

  private static int get(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void removingADestinationWithdrawsItsPendingDeliveriesSoTheFaxIsDeliveredByTheOthers()
      throws Exception {
    Clinic clinic = Clinic.create(emulator, environment.app().clientId(), "Lab");
    clinic.receiveFax(0, 1);
    Map<String, Object> properties = environment.properties();
    properties.put("faxbridge.sync.retry-base", "10ms");
    properties.put("faxbridge.sync.retry-max", "10ms");
    try (FaxbridgeInstance faxbridge = FaxbridgeInstance.start(properties)) {
      mllp.answerWith(MllpReceiver.Answer.REJECT);
      ConnectionId connection = Operator.connect(faxbridge, "lab", clinic);
      Operator.addDestination(
          faxbridge,
          "lab",
          "{\"name\":\"ehr\",\"kind\":\"fhir\",\"settings\":{\"baseUrl\":\""
              + fhir.baseUrl()
              + "\"}}");
      String retired =
          Operator.addDestination(
              faxbridge,
              "lab",
              "{\"name\":\"old-hl7\",\"kind\":\"hl7-mllp\",\"settings\":{\"host\":\"127.0.0.1\","
                  + "\"port\":"
                  + mllp.port()
                  + "}}");
      SyncConnection sync = faxbridge.bean(SyncConnection.class);
      FaxLedger ledger = faxbridge.bean(FaxLedger.class);
      FaxDeliveries deliveries = faxbridge.bean(FaxDeliveries.class);

      sync.run(connection);

      UUID fax = firstFax(faxbridge, connection);
      assertThat(ledger.find(fax).orElseThrow().state()).isEqualTo(FaxState.FAILED);
      assertThat(states(deliveries, fax))
          .containsEntry(FaxDeliveries.State.DELIVERED, 1L)
          .containsEntry(FaxDeliveries.State.PENDING, 1L);

      HttpResponse<String> removed =
          faxbridge.api("DELETE", "/api/tenants/lab/destinations/" + retired, null);
      assertThat(removed.statusCode()).as(removed.body()).isLessThan(300);
      await().until(() -> !ledger.due(connection, 10).isEmpty());
      sync.run(connection);

      assertThat(ledger.find(fax).orElseThrow().state()).isEqualTo(FaxState.DELIVERED);
      assertThat(deliveries.forFax(fax))
          .extracting(FaxDeliveries.Delivery::state)
          .containsExactly(FaxDeliveries.State.DELIVERED);
      assertThat(fhir.transactions()).as("the remaining destination is not sent again").hasSize(1);
      assertThat(mllp.documents()).as("the removed destination got nothing").isEmpty();
      assertThat(audit(faxbridge, fax)).contains("FAX_DESTINATION_WITHDRAWN", "FAX_DELIVERED");
    }
  }

  private void assertOnceEach(boolean firstTime) {
    assertThat(fhir.documentReferences()).as("one DocumentReference").hasSize(1);
    assertThat(fhir.binaries()).as("one Binary").hasSize(1);
    assertThat(mllp.documents()).as("one MDM document").hasSize(1);
    assertThat(webhook.stored()).as("one stored webhook delivery").hasSize(1);
    assertThat(webhook.refused()).as("every signature checked out").isEmpty();
    if (firstTime) {
      assertThat(mllp.received()).hasSize(1);
    }
  }

  /** The id of the first fax in the ledger of the connection's tenant. */
  private static UUID firstFax(FaxbridgeInstance faxbridge, ConnectionId connection) {
    return faxbridge
        .bean(FaxLedger.class)
        .forTenant(faxbridge.bean(Connections.class).get(connection).tenantId())
        .get(0)
        .id();
  }

  private static Map<FaxDeliveries.State, Long> states(FaxDeliveries deliveries, UUID fax) {
    return deliveries.forFax(fax).stream()
        .collect(
            java.util.stream.Collectors.groupingBy(
                FaxDeliveries.Delivery::state, java.util.stream.Collectors.counting()));
  }

  private static List<String> audit(FaxbridgeInstance faxbridge, UUID fax) {
    return faxbridge
        .bean(JdbcClient.class)
        .sql("select kind from audit_event where fax_id = :fax order by id")
        .param("fax", fax)
        .query(String.class)
        .list();
  }

  private static void rule(FaxbridgeInstance faxbridge, String destination, String match) {
    assertThat(Operator.addRoutingRule(faxbridge, "heart", destination, match).body())
        .doesNotContain("555-0199")
        .doesNotContain("5550199");
  }
}
