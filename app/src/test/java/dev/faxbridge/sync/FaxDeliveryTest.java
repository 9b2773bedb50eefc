package dev.faxbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faxbridge.audit.AuditEvent;
import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.Provider;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.delivery.FaxDocument;
import dev.faxbridge.delivery.folder.FolderDestination;
import dev.faxbridge.emulator.Fault;
import dev.faxbridge.emulator.FaultRule;
import dev.faxbridge.fax.FaxLedger;
import dev.faxbridge.fax.FaxState;
import dev.faxbridge.fax.InboundFax;
import dev.faxbridge.provider.DownloadedDocument;
import dev.faxbridge.provider.ListingRequest;
import dev.faxbridge.tenant.Tenant;
import dev.faxbridge.tenant.TenantId;
import dev.faxbridge.tenant.Tenants;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.DropFolder;
import dev.faxbridge.testing.Emulators;
import dev.faxbridge.testing.FaxbridgeInstance;
import dev.faxbridge.testing.Operator;
import dev.faxbridge.testing.StagedFaxes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** A fax travels from a RingCentral mailbox into its clinic's drop folder, exactly once. */
@ExtendWith(OutputCaptureExtension.class)
class FaxDeliveryTest {

  @RegisterExtension static final Emulators EMULATORS = Emulators.started();

  @Test
  void deliversEveryFaxOfTwoTenantsWithTwoMailboxesEachIntoTheirOwnFolder() throws Exception {
    Clinic riverside = EMULATORS.environment().clinic("Riverside");
    Clinic lakeview = EMULATORS.environment().clinic("Lakeview");
    Set<String> riversideMessages =
        Set.of(
            riverside.receiveFax(0, 1).messageId(),
            riverside.receiveFax(1, 3).messageId(),
            riverside.receiveFax(1, 2).messageId());
    Set<String> lakeviewMessages =
        Set.of(lakeview.receiveFax(0, 2).messageId(), lakeview.receiveFax(1, 4).messageId());

    try (FaxbridgeInstance faxbridge = EMULATORS.environment().startFaxbridge()) {
      ConnectionId riversideConnection = connect(faxbridge, "riverside", riverside);
      ConnectionId lakeviewConnection = connect(faxbridge, "lakeview", lakeview);

      assertThat(sync(faxbridge, riversideConnection).delivered()).isEqualTo(3);
      assertThat(sync(faxbridge, lakeviewConnection).delivered()).isEqualTo(2);
    }

    DropFolder riversideFolder = DropFolder.of(EMULATORS.environment().inbox(), "riverside");
    DropFolder lakeviewFolder = DropFolder.of(EMULATORS.environment().inbox(), "lakeview");
    assertThat(messageIds(riversideFolder)).isEqualTo(riversideMessages);
    assertThat(messageIds(lakeviewFolder)).isEqualTo(lakeviewMessages);
    assertThat(riversideFolder.documents()).hasSize(3);
    assertThat(lakeviewFolder.documents()).hasSize(2);
    riversideFolder.assertEveryDocumentMatchesItsSidecar();
    lakeviewFolder.assertEveryDocumentMatchesItsSidecar();
    for (JsonNode sidecar : riversideFolder.sidecarContents()) {
      assertThat(sidecar.get("tenant").get("slug").asString()).isEqualTo("riverside");
      assertThat(sidecar.get("ringcentral").get("accountId").asString())
          .isEqualTo(riverside.account().id());
    }
  }

  @Test
  void aSecondSyncDeliversNothingNew() throws Exception {
    Clinic clinic = EMULATORS.environment().clinic("Hillcrest");
    clinic.receiveFax(0, 1);
    clinic.receiveFax(1, 2);

    try (FaxbridgeInstance faxbridge = EMULATORS.environment().startFaxbridge()) {
      ConnectionId connection = connect(faxbridge, "hillcrest", clinic);
      assertThat(sync(faxbridge, connection).delivered()).isEqualTo(2);

      SyncReport second = sync(faxbridge, connection);

      assertThat(second.newFaxes()).isZero();
      assertThat(second.delivered()).isZero();
    }
    assertThat(DropFolder.of(EMULATORS.environment().inbox(), "hillcrest").documents()).hasSize(2);
  }

  @Test
  void aRestartDeliversNothingTwiceAndPicksUpWhatArrivedMeanwhile() throws Exception {
    Clinic clinic = EMULATORS.environment().clinic("Oakwood");
    clinic.receiveFax(0, 1);
    ConnectionId connection;
    try (FaxbridgeInstance first = EMULATORS.environment().startFaxbridge()) {
      connection = connect(first, "oakwood", clinic);
      assertThat(sync(first, connection).delivered()).isEqualTo(1);
    }
    String arrivedWhileDown = clinic.receiveFax(1, 2).messageId();

    try (FaxbridgeInstance second = EMULATORS.environment().startFaxbridge()) {
      SyncReport afterRestart = sync(second, connection);

      assertThat(afterRestart.newFaxes()).isEqualTo(1);
      assertThat(afterRestart.delivered()).isEqualTo(1);
      assertThat(sync(second, connection).delivered()).isZero();
    }
    DropFolder folder = DropFolder.of(EMULATORS.environment().inbox(), "oakwood");
    assertThat(folder.documents()).hasSize(2);
    assertThat(messageIds(folder)).contains(arrivedWhileDown);
  }

  @Test
  void aFaxArrivingBetweenTwoSyncsIsDelivered() throws Exception {
    Clinic clinic = EMULATORS.environment().clinic("Maple");
    clinic.receiveFax(0, 1);
    try (FaxbridgeInstance faxbridge = EMULATORS.environment().startFaxbridge()) {
      ConnectionId connection = connect(faxbridge, "maple", clinic);
      sync(faxbridge, connection);

      String later = clinic.receiveFax(1, 3).messageId();
      SyncReport next = sync(faxbridge, connection);

      assertThat(next.delivered()).isEqualTo(1);
      assertThat(messageIds(DropFolder.of(EMULATORS.environment().inbox(), "maple")))
          .contains(later);
    }
  }

  @Test
  void faxesReadOrDeletedByStaffBeforeTheFirstSyncAreStillDelivered() throws Exception {
    Clinic clinic = EMULATORS.environment().clinic("Birch");
    String read = clinic.receiveFax(0, 1).messageId();
    String deleted = clinic.receiveFax(1, 1).messageId();
    EMULATORS.ringCentral().markRead(clinic.account().id(), clinic.mailboxIds().get(0), read);
    EMULATORS.ringCentral().delete(clinic.account().id(), clinic.mailboxIds().get(1), deleted);

    try (FaxbridgeInstance faxbridge = EMULATORS.environment().startFaxbridge()) {
      ConnectionId connection = connect(faxbridge, "birch", clinic);
      assertThat(sync(faxbridge, connection).delivered()).isEqualTo(2);
    }
    assertThat(messageIds(DropFolder.of(EMULATORS.environment().inbox(), "birch")))
        .containsExactlyInAnyOrder(read, deleted);
  }

  @Test
  void aFaxOlderThanTheDefault24HourWindowIsDeliveredOnTheFirstSync() throws Exception {
    Clinic clinic = EMULATORS.environment().clinic("Cedar");
    String fridayFax =
        clinic.receiveFaxAt(0, 2, Instant.now().minus(Duration.ofDays(3))).messageId();

    try (FaxbridgeInstance faxbridge = EMULATORS.environment().startFaxbridge()) {
      ConnectionId connection = connect(faxbridge, "cedar", clinic);
      assertThat(sync(faxbridge, connection).delivered()).isEqualTo(1);
    }
    assertThat(messageIds(DropFolder.of(EMULATORS.environment().inbox(), "cedar")))
        .containsExactly(fridayFax);
  }

  @Test
  void aDeliveryThatFailsIsRetriedAndLandsOnce() throws Exception {
    Clinic clinic = EMULATORS.environment().clinic("Elm");
    clinic.receiveFax(0, 1);
    try (FaxbridgeInstance faxbridge = EMULATORS.environment().startFaxbridge()) {
      ConnectionId connection = connect(faxbridge, "elm", clinic);
      Files.createDirectories(EMULATORS.environment().inbox());
      Path blocker = EMULATORS.environment().inbox().resolve("elm");
      Files.writeString(blocker, "a file where the tenant's folder should be");

      SyncReport blocked = sync(faxbridge, connection);
      InboundFax failed = onlyFax(faxbridge, "elm");
      assertThat(blocked.failed()).isEqualTo(1);
      assertThat(failed.state()).isEqualTo(FaxState.FAILED);
      assertThat(failed.lastError()).contains("Could not write");
      assertThat(failed.nextAttemptAt()).isAfter(Instant.now());

      Files.delete(blocker);
      assertThat(sync(faxbridge, connection).delivered())
          .as("not retried before its backoff has passed")
          .isZero();
      makeDueNow(faxbridge, failed);
      SyncReport retried = sync(faxbridge, connection);

      assertThat(retried.delivered()).isEqualTo(1);
      assertThat(onlyFax(faxbridge, "elm").state()).isEqualTo(FaxState.DELIVERED);
      assertThat(onlyFax(faxbridge, "elm").attempts()).isEqualTo(2);
    }
    DropFolder folder = DropFolder.of(EMULATORS.environment().inbox(), "elm");
    assertThat(folder.documents()).hasSize(1);
    folder.assertEveryDocumentMatchesItsSidecar();
  }

  @Test
  void aCrashAfterTheFilesWereRenamedButBeforeTheLedgerKnewLeavesOneCopy() throws Exception {
    Clinic clinic = EMULATORS.environment().clinic("Pine");
    clinic.receiveFax(0, 2);
    try (FaxbridgeInstance faxbridge = EMULATORS.environment().startFaxbridge()) {
      ConnectionId connection = connect(faxbridge, "pine", clinic);
      listOnly(faxbridge, connection);
      InboundFax fax = onlyFax(faxbridge, "pine");
      Tenant tenant = faxbridge.bean(Tenants.class).findBySlug("pine").orElseThrow();
      DownloadedDocument downloaded =
          faxbridge
              .provider(Provider.RINGCENTRAL)
              .download(
                  faxbridge.bean(Connections.class).get(connection),
                  fax.source(),
                  EMULATORS
                      .environment()
                      .dataDirectory()
                      .resolve("downloaded-before-the-crash.pdf"));
      faxbridge
          .bean(FolderDestination.class)
          .deliver(new FaxDocument(tenant, fax, downloaded, StagedFaxes.ringCentralSource(fax)));

      SyncReport afterCrash = sync(faxbridge, connection);

      assertThat(afterCrash.delivered()).isEqualTo(1);
    }
    DropFolder folder = DropFolder.of(EMULATORS.environment().inbox(), "pine");
    assertThat(folder.documents()).hasSize(1);
    assertThat(folder.sidecars()).hasSize(1);
    folder.assertEveryDocumentMatchesItsSidecar();
  }

  @Test
  void everyFaxAndCredentialEventIsAuditedAndTheTrailCannotBeRewritten() throws Exception {
    Clinic clinic = EMULATORS.environment().clinic("Aspen");
    clinic.receiveFax(0, 1);
    try (FaxbridgeInstance faxbridge = EMULATORS.environment().startFaxbridge()) {
      ConnectionId connection = connect(faxbridge, "aspen", clinic);
      sync(faxbridge, connection);
      TenantId tenant = faxbridge.bean(Tenants.class).findBySlug("aspen").orElseThrow().id();

      List<AuditKind> kinds =
          faxbridge.bean(AuditTrail.class).forTenant(tenant.value()).stream()
              .map(AuditEvent::kind)
              .toList();

      assertThat(kinds)
          .containsSubsequence(
              AuditKind.TENANT_CREATED,
              AuditKind.CONNECTION_ADDED,
              AuditKind.CREDENTIAL_VALIDATED,
              AuditKind.FAX_DISCOVERED,
              AuditKind.FAX_DOWNLOADED,
              AuditKind.FAX_DELIVERED);
      JdbcClient jdbc = faxbridge.bean(JdbcClient.class);
      assertThatThrownBy(() -> jdbc.sql("update audit_event set actor = 'someone else'").update())
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> jdbc.sql("delete from audit_event").update())
          .hasMessageContaining("append-only");
    }
  }

  @Test
  void logsCarryNoPhoneNumbersNorCredentials(CapturedOutput output) throws Exception {
    Clinic clinic = EMULATORS.environment().clinic("Willow");
    clinic.receiveFax(0, 2);
    try (FaxbridgeInstance faxbridge = EMULATORS.environment().startFaxbridge()) {
      ConnectionId connection = connect(faxbridge, "willow", clinic);
      EMULATORS
          .ringCentral()
          .injectFault(
              FaultRule.once(
                  "GET",
                  "/restapi/v1.0/account/{accountId}/extension/{extensionId}/message-store/{messageId}/content/{attachmentId}",
                  Fault.truncatedBody()));
      sync(faxbridge, connection);
      makeDueNow(faxbridge, onlyFax(faxbridge, "willow"));
      sync(faxbridge, connection);
    } finally {
      EMULATORS.ringCentral().clearFaults();
    }

    assertThat(output.getAll())
        .contains("Connection ")
        .doesNotContain("6505550100")
        .doesNotContain("6505550199")
        .doesNotContain(clinic.jwt())
        .doesNotContain(EMULATORS.environment().app().clientSecret());
  }

  private static ConnectionId connect(FaxbridgeInstance faxbridge, String slug, Clinic clinic) {
    return Operator.connect(faxbridge, slug, clinic);
  }

  private static SyncReport sync(FaxbridgeInstance faxbridge, ConnectionId connection) {
    SyncReport report = faxbridge.bean(SyncConnection.class).run(connection);
    assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
    return report;
  }

  private static void listOnly(FaxbridgeInstance faxbridge, ConnectionId connection) {
    ProviderConnection c = faxbridge.bean(Connections.class).get(connection);
    var provider = faxbridge.provider(Provider.RINGCENTRAL);
    var ledger = faxbridge.bean(FaxLedger.class);
    for (var mailbox : provider.mailboxes(c)) {
      provider.listFaxes(
          c,
          new ListingRequest(
              mailbox.id(), Instant.now().minus(Duration.ofDays(1)), Instant.now(), null),
          page -> ledger.recordListed(c.tenantId(), c.id(), page));
    }
  }

  private static void makeDueNow(FaxbridgeInstance faxbridge, InboundFax fax) {
    faxbridge
        .bean(JdbcClient.class)
        .sql("update inbound_fax set next_attempt_at = now() where id = :id")
        .param("id", fax.id())
        .update();
  }

  private static InboundFax onlyFax(FaxbridgeInstance faxbridge, String slug) {
    TenantId tenant = faxbridge.bean(Tenants.class).findBySlug(slug).orElseThrow().id();
    List<InboundFax> faxes = faxbridge.bean(FaxLedger.class).forTenant(tenant);
    assertThat(faxes).hasSize(1);
    return faxes.get(0);
  }

  private static Set<String> messageIds(DropFolder folder) {
    return folder.sidecarContents().stream()
        .map(s -> s.get("ringcentral").get("messageId").asString())
        .collect(Collectors.toSet());
  }
}
