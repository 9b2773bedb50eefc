package dev.faxbridge.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.Provider;
import dev.faxbridge.connection.TestBed;
import dev.faxbridge.delivery.FaxDocument;
import dev.faxbridge.delivery.folder.FolderDestination;
import dev.faxbridge.emulator.Fault;
import dev.faxbridge.emulator.FaultRule;
import dev.faxbridge.emulator.RingCentralEmulator;
import dev.faxbridge.emulator.faxage.FaxageEmulator;
import dev.faxbridge.emulator.faxage.FaxageFax;
import dev.faxbridge.emulator.faxage.ListLayout;
import dev.faxbridge.fax.FaxLedger;
import dev.faxbridge.fax.FaxState;
import dev.faxbridge.fax.InboundFax;
import dev.faxbridge.provider.DownloadedDocument;
import dev.faxbridge.provider.FaxProvider;
import dev.faxbridge.provider.ListingRequest;
import dev.faxbridge.sync.SyncConnection;
import dev.faxbridge.sync.SyncReport;
import dev.faxbridge.tenant.Tenant;
import dev.faxbridge.tenant.Tenants;
import dev.faxbridge.testing.DropFolder;
import dev.faxbridge.testing.Emulators;
import dev.faxbridge.testing.FaxageClinic;
import dev.faxbridge.testing.FaxbridgeInstance;
import dev.faxbridge.testing.Operator;
import dev.faxbridge.testing.TestEnvironment;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Faxage as a source on its own: connecting with precise refusals, delivery with the sidecar naming
 * Faxage, acknowledgement by {@code handled} or {@code delfax} only after the delivery is recorded,
 * and a crash on either side of that line losing and duplicating nothing.
 */
class FaxageSourceTest {

  @RegisterExtension static final Emulators EMULATORS = Emulators.startedWithFaxage();
  @TempDir Path data;
  private final RingCentralEmulator ringCentral = EMULATORS.ringCentral();
  private final FaxageEmulator faxage = EMULATORS.faxage();

  private FaxbridgeInstance faxbridge(TestEnvironment environment) {
    Map<String, Object> properties = environment.properties();
    properties.putAll(FaxageClinic.properties(faxage));
    properties.put("faxbridge.sync.retry-base", "20ms");
    properties.put("faxbridge.sync.retry-max", "100ms");
    return FaxbridgeInstance.start(properties, ringCentral.clock());
  }

  @Test
  void connectingChecksTheLoginAndSaysPreciselyWhatIsWrong() throws Exception {
    TestEnvironment environment = TestEnvironment.create(ringCentral, data);
    FaxageClinic clinic = FaxageClinic.create(faxage);
    try (FaxbridgeInstance faxbridge = faxbridge(environment)) {
      TestBed.createTenant(faxbridge, "checked");
      String path = "/api/tenants/checked/connections";

      HttpResponse<String> wrong =
          faxbridge.api(
              "POST",
              path,
              clinic.connectionBody(null).replace(clinic.account().password(), "not-it"));
      assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(422);
      assertThat(wrong.body()).contains("Faxage refused the login").doesNotContain("not-it");

      HttpResponse<String> missing =
          faxbridge.api(
              "POST", path, "{\"provider\":\"faxage\",\"company\":\"1\",\"username\":\"u\"}");
      assertThat(missing.statusCode()).isEqualTo(400);
      assertThat(missing.body()).contains("'password'");

      HttpResponse<String> badMode = faxbridge.api("POST", path, clinic.connectionBody("shred"));
      assertThat(badMode.statusCode()).isEqualTo(400);

      faxage.databaseDown(true);
      HttpResponse<String> down = faxbridge.api("POST", path, clinic.connectionBody(null));
      faxage.databaseDown(false);
      assertThat(down.statusCode()).isEqualTo(422);
      assertThat(down.body()).contains("try again later");

      ConnectionId connection = Operator.connectFaxage(faxbridge, "checked", clinic, null);
      var stored = faxbridge.bean(Connections.class).get(connection);
      assertThat(stored.provider()).isEqualTo(Provider.FAXAGE);
      assertThat(stored.externalAccountId()).isEqualTo(clinic.account().company());
      assertThat(faxbridge.bean(Connections.class).credential(connection).orElseThrow())
          .as("sealed, opened only for calls")
          .contains(clinic.account().password());
      assertThat(
              faxbridge.bean(AuditTrail.class).forTenant(stored.tenantId().value()).stream()
                  .map(e -> e.kind()))
          .contains(
              AuditKind.CREDENTIAL_REJECTED,
              AuditKind.CONNECTION_ADDED,
              AuditKind.CREDENTIAL_VALIDATED);
      assertThat(faxbridge.api("POST", path, clinic.connectionBody(null)).statusCode())
          .as("the same company again is a re-authorization")
          .isEqualTo(200);
    }
  }

  @Test
  void deliversAndMarksHandledOnlyOnceTheDeliveryIsRecordedInEitherListingLayout()
      throws Exception {
    TestEnvironment environment = TestEnvironment.create(ringCentral, data);
    FaxageClinic clinic = FaxageClinic.create(faxage);
    FaxageFax first = clinic.receiveFax(2);
    try (FaxbridgeInstance faxbridge = faxbridge(environment)) {
      TestBed.createTenant(faxbridge, "handled");
      ConnectionId connection = Operator.connectFaxage(faxbridge, "handled", clinic, null);
      Files.createDirectories(environment.inbox());
      Path blocker = environment.inbox().resolve("handled");
      Files.writeString(blocker, "a file where the tenant's folder should be");

      assertThat(faxbridge.bean(SyncConnection.class).run(connection).failed()).isEqualTo(1);
      assertThat(faxage.fax(first.recvid()).handled())
          .as("not handled while undelivered")
          .isFalse();

      Files.delete(blocker);
      faxage.listLayout(ListLayout.CSID_THIRD);
      FaxageFax second = clinic.receiveFax(1);
      ringCentral.clock().advance(Duration.ofSeconds(1));
      SyncReport report = faxbridge.bean(SyncConnection.class).run(connection);
      faxage.listLayout(ListLayout.TIME_SPLIT);

      assertThat(report.delivered()).isEqualTo(2);
      assertThat(faxage.fax(first.recvid()).handled()).isTrue();
      assertThat(faxage.fax(second.recvid()).handled()).isTrue();
      assertThat(faxage.fax(second.recvid()).deleted()).isFalse();
      List<InboundFax> ledger = ledger(faxbridge, "handled");
      assertThat(ledger).hasSize(2).allMatch(f -> f.state() == FaxState.ACKNOWLEDGED);
    }
    DropFolder folder = DropFolder.of(environment.inbox(), "handled");
    folder.assertEveryDocumentMatchesItsSidecar();
    assertThat(folder.sidecarContents())
        .hasSize(2)
        .allMatch(s -> s.get("provider").asString().equals("faxage"))
        .anyMatch(
            s -> s.path("faxage").path("recvid").asString().equals(Long.toString(first.recvid())));
  }

  @Test
  void aChangedPasswordStopsTheConnectionOnceAndTheNewLoginBringsTheWaitingFaxes()
      throws Exception {
    TestEnvironment environment = TestEnvironment.create(ringCentral, data);
    FaxageClinic clinic = FaxageClinic.create(faxage);
    try (FaxbridgeInstance faxbridge = faxbridge(environment)) {
      String tenant = TestBed.createTenant(faxbridge, "rotated");
      faxbridge.api(
          "PUT",
          "/api/tenants/rotated/notifications",
          "{\"contactEmail\":\"office@rotated.example\"}");
      ConnectionId connection = Operator.connectFaxage(faxbridge, "rotated", clinic, null);
      FaxageFax waiting = clinic.receiveFax(1);
      String company = clinic.account().company();
      faxage.setPassword(company, clinic.account().username(), "rotated-by-the-clinic");

      assertThat(faxbridge.bean(SyncConnection.class).run(connection).outcome())
          .isEqualTo(SyncReport.Outcome.UNAUTHORIZED);
      assertThat(faxbridge.bean(SyncConnection.class).run(connection).outcome())
          .as("not tried again while it needs a new login")
          .isEqualTo(SyncReport.Outcome.SKIPPED);
      JsonNode health = Operator.json(faxbridge.api("GET", "/api/connections/" + connection, null));
      assertThat(health.get("status").asString()).isEqualTo("NEEDS_REAUTHORIZATION");
      assertThat(health.get("reason").asString())
          .contains("ERR02")
          .contains("an operator connects");
      String email =
          faxbridge
              .bean(JdbcClient.class)
              .sql("select count(*) from notification where tenant_id = cast(:t as uuid)")
              .param("t", tenant)
              .query(Long.class)
              .single()
              .toString();
      assertThat(email).as("one notification for the episode").isEqualTo("1");

      HttpResponse<String> again =
          faxbridge.api(
              "POST",
              "/api/tenants/rotated/connections",
              clinic
                  .connectionBody(null)
                  .replace(clinic.account().password(), "rotated-by-the-clinic"));
      assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
      assertThat(faxbridge.bean(SyncConnection.class).run(connection).delivered()).isEqualTo(1);
      assertThat(faxage.fax(waiting.recvid()).handled()).isTrue();
    }
  }

  @Test
  void deletesAtFaxageWhenTheConnectionSaysSo() throws Exception {
    TestEnvironment environment = TestEnvironment.create(ringCentral, data);
    FaxageClinic clinic = FaxageClinic.create(faxage);
    FaxageFax fax = clinic.receiveFax(1);
    try (FaxbridgeInstance faxbridge = faxbridge(environment)) {
      TestBed.createTenant(faxbridge, "tidy-faxage");
      ConnectionId connection = Operator.connectFaxage(faxbridge, "tidy-faxage", clinic, "delete");
      assertThat(faxbridge.bean(SyncConnection.class).run(connection).delivered()).isEqualTo(1);
      SyncReport again = faxbridge.bean(SyncConnection.class).run(connection);
      assertThat(again.newFaxes()).isZero();
      assertThat(again.delivered()).isZero();
    }
    assertThat(faxage.fax(fax.recvid()).deleted()).isTrue();
  }

  @Test
  void aCrashOnEitherSideOfTheDeliveryNeitherLosesNorDuplicatesAFax() throws Exception {
    TestEnvironment environment = TestEnvironment.create(ringCentral, data);
    FaxageClinic clinic = FaxageClinic.create(faxage);
    FaxageFax delivered = clinic.receiveFax(1);
    FaxageFax recorded = clinic.receiveFax(2);
    ConnectionId connection;
    try (FaxbridgeInstance first = faxbridge(environment)) {
      TestBed.createTenant(first, "crashy");
      connection = Operator.connectFaxage(first, "crashy", clinic, null);
      // The first node lists, then delivers one fax to the folder and dies before the ledger
      // records it (what the delivered-not-recorded pause point kills).
      var c = first.bean(Connections.class).get(connection);
      FaxProvider provider = first.provider(Provider.FAXAGE);
      FaxLedger ledger = first.bean(FaxLedger.class);
      provider.listFaxes(
          c,
          new ListingRequest(
              "inbox", ringCentral.clock().instant(), ringCentral.clock().instant(), null),
          page -> ledger.recordListed(c.tenantId(), c.id(), page));
      InboundFax fax =
          ledger(first, "crashy").stream()
              .filter(f -> f.source().messageId().equals(Long.toString(delivered.recvid())))
              .findFirst()
              .orElseThrow();
      Tenant tenant = first.bean(Tenants.class).findBySlug("crashy").orElseThrow();
      DownloadedDocument document =
          provider.download(c, fax.source(), data.resolve("before-the-crash.pdf"));
      first
          .bean(FolderDestination.class)
          .deliver(
              new FaxDocument(
                  tenant,
                  fax,
                  document,
                  new FaxDocument.Source(Provider.FAXAGE, provider.sourceBlock(fax.source()))));
    }
    assertThat(faxage.fax(delivered.recvid()).handled()).isFalse();

    // A second node: the other fax is delivered and recorded, then every `handled` fails, as if it
    // died between the ledger's commit and the acknowledgement.
    faxage.injectFault(FaultRule.once("POST", "handled", Fault.status(500)).always());
    try (FaxbridgeInstance second = faxbridge(environment)) {
      SyncReport report = second.bean(SyncConnection.class).run(connection);
      assertThat(report.delivered()).isEqualTo(2);
      assertThat(ledger(second, "crashy"))
          .hasSize(2)
          .allMatch(f -> f.state() == FaxState.DELIVERED && f.acknowledgement() != null);
    }
    assertThat(faxage.fax(delivered.recvid()).handled()).isFalse();
    assertThat(faxage.fax(recorded.recvid()).handled()).isFalse();

    faxage.clearFaults();
    ringCentral.clock().advance(Duration.ofMinutes(1));
    try (FaxbridgeInstance third = faxbridge(environment)) {
      SyncReport report = third.bean(SyncConnection.class).run(connection);
      assertThat(report.newFaxes()).isZero();
      assertThat(report.delivered()).isZero();
      assertThat(ledger(third, "crashy"))
          .hasSize(2)
          .allMatch(f -> f.state() == FaxState.ACKNOWLEDGED);
      assertThat(
              third
                  .bean(AuditTrail.class)
                  .forTenant(ledger(third, "crashy").get(0).tenantId().value())
                  .stream()
                  .filter(e -> e.kind() == AuditKind.FAX_DELIVERED)
                  .count())
          .isEqualTo(2);
    }
    assertThat(faxage.fax(delivered.recvid()).handled()).isTrue();
    assertThat(faxage.fax(recorded.recvid()).handled()).isTrue();
    DropFolder folder = DropFolder.of(environment.inbox(), "crashy");
    assertThat(folder.documents()).hasSize(2);
    folder.assertEveryDocumentMatchesItsSidecar();
  }

  private static List<InboundFax> ledger(FaxbridgeInstance faxbridge, String slug) {
    var tenant = faxbridge.bean(Tenants.class).findBySlug(slug).orElseThrow().id();
    return faxbridge.bean(FaxLedger.class).forTenant(tenant);
  }
}
