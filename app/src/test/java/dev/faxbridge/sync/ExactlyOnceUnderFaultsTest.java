package dev.faxbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.emulator.Fault;
import dev.faxbridge.emulator.FaultRule;
import dev.faxbridge.emulator.FaxMessage;
import dev.faxbridge.emulator.InboundFaxSpec;
import dev.faxbridge.emulator.LoggedRequest;
import dev.faxbridge.emulator.RingCentralEmulator;
import dev.faxbridge.fax.FaxLedger;
import dev.faxbridge.fax.FaxState;
import dev.faxbridge.fax.InboundFax;
import dev.faxbridge.tenant.TenantId;
import dev.faxbridge.tenant.Tenants;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.DropFolder;
import dev.faxbridge.testing.Emulators;
import dev.faxbridge.testing.FaxbridgeInstance;
import dev.faxbridge.testing.Operator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every fax is delivered exactly once when the platform misbehaves, when faxes arrive while a sync
 * pages, and after days without a sync. "Once" is checked in the drop folder and in the audit
 * trail, which records one delivery event per successful delivery.
 */
class ExactlyOnceUnderFaultsTest {

  private static final String CONTENT =
      "/restapi/v1.0/account/{accountId}/extension/{extensionId}/message-store/{messageId}/content/{attachmentId}";

  @RegisterExtension final Emulators emulators = Emulators.startedForEachTest();

  @BeforeEach
  void emulatorSettings() {
    // Throttling off, but with a one-second window in the headers faxbridge paces by, and room
    // for thousands of requests in it.
    emulators.ringCentral().rateLimitsEnabled(false);
    emulators.ringCentral().rateLimitTiming(Duration.ofSeconds(1), Duration.ofSeconds(1));
    emulators.ringCentral().rateLimit("Light", 10_000);
    emulators.ringCentral().rateLimit("Medium", 10_000);
  }

  private FaxbridgeInstance faxbridge(Map<String, Object> extra) {
    Map<String, Object> properties = emulators.environment().properties();
    properties.put("faxbridge.sync.retry-base", "20ms");
    properties.put("faxbridge.sync.retry-max", "100ms");
    properties.put("faxbridge.sync.max-attempts", "100");
    properties.put("faxbridge.ringcentral.rate-limits.call-retry-base", "10ms");
    properties.putAll(extra);
    return FaxbridgeInstance.start(properties);
  }

  @Test
  void deliversEveryFaxOnceDespiteServerErrorsResetsAndTruncatedBodies() throws Exception {
    RingCentralEmulator emulator = emulators.ringCentral();
    Clinic clinic = emulators.environment().clinic("Stormy");
    Map<String, FaxMessage> sent = new HashMap<>();
    for (int i = 0; i < 40; i++) {
      FaxMessage fax =
          emulators
              .ringCentral()
              .deliverFax(
                  clinic.account().id(),
                  clinic.mailboxIds().get(i % 2),
                  InboundFaxSpec.of("+16505550100", "+16505550199", 1 + i % 3)
                      .minimumSize(i % 4 == 0 ? 300_000 : 0));
      sent.put(fax.messageId(), fax);
    }
    try (FaxbridgeInstance faxbridge = faxbridge(Map.of("faxbridge.ringcentral.page-size", "10"))) {
      ConnectionId connection = Operator.connect(faxbridge, "stormy", clinic);
      emulator.clearRequestLog();
      emulator.injectFault(new FaultRule("GET", CONTENT, Fault.reset(), -1, 0.10));
      emulators
          .ringCentral()
          .injectFault(new FaultRule("GET", CONTENT, Fault.truncatedBody(), -1, 0.15));
      emulator.injectFault(new FaultRule("*", "*", Fault.status(503), -1, 0.10));
      emulator.injectFault(new FaultRule("*", "*", Fault.status(500), -1, 0.05));

      syncUntilEverythingIsDelivered(faxbridge, connection, "stormy", 40);
      emulator.clearFaults();
      SyncReport calm = faxbridge.bean(SyncConnection.class).run(connection);
      assertThat(calm.newFaxes()).isZero();
      assertThat(calm.delivered()).isZero();

      assertDeliveredOnce(faxbridge, "stormy", 40);
      List<LoggedRequest> log = emulator.requestLog();
      assertThat(log).as("server errors were injected").anyMatch(r -> r.status() >= 500);
      assertThat(log).as("a broken-off transfer was resumed").anyMatch(r -> r.status() == 206);
      for (InboundFax fax : ledger(faxbridge, "stormy")) {
        assertThat(fax.sha256())
            .as("fax %s", fax.source().messageId())
            .isEqualTo(sent.get(fax.source().messageId()).sha256());
      }
    }
    DropFolder folder = DropFolder.of(emulators.environment().inbox(), "stormy");
    assertThat(folder.documents()).hasSize(40);
    folder.assertEveryDocumentMatchesItsSidecar();
  }

  @Test
  void twentyFaxesArrivingWhileASyncPagesThroughThreeThousandAreAllDeliveredOnce()
      throws Exception {
    Clinic clinic = emulators.environment().clinic("Busy");
    Instant start = Instant.now().minus(Duration.ofDays(2));
    for (int i = 0; i < 3000; i++) {
      clinic.receiveFaxAt(0, 1, start.plusSeconds(50L * i));
    }
    try (FaxbridgeInstance faxbridge =
        faxbridge(
            Map.of(
                "faxbridge.ringcentral.page-size", "100",
                "faxbridge.sync.delivery-batch", "5000"))) {
      ConnectionId connection = Operator.connect(faxbridge, "busy", clinic);
      emulators.ringCentral().clearRequestLog();
      SyncConnection sync = faxbridge.bean(SyncConnection.class);

      CompletableFuture<SyncReport> first =
          CompletableFuture.supplyAsync(() -> sync.run(connection));
      awaitListings(5);
      List<String> arrivedWhilePaging = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        arrivedWhilePaging.add(clinic.receiveFax(i % 2, 1).messageId());
      }
      SyncReport during = first.get();
      assertThat(during.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
      assertThat(listings())
          .as("the sync paged through all 3,000, 100 at a time")
          .isGreaterThanOrEqualTo(30);
      SyncReport after = sync.run(connection);

      assertThat(during.newFaxes() + after.newFaxes()).isEqualTo(3020);
      assertThat(during.delivered() + after.delivered()).isEqualTo(3020);
      assertDeliveredOnce(faxbridge, "busy", 3020);
      assertThat(ledger(faxbridge, "busy").stream().map(f -> f.source().messageId()).toList())
          .containsAll(arrivedWhilePaging);
    }
    assertThat(DropFolder.of(emulators.environment().inbox(), "busy").documents()).hasSize(3020);
  }

  @Test
  void afterAThreeDayOutageEveryFaxOfThoseDaysIsDelivered() throws Exception {
    Clinic clinic = emulators.environment().clinic("Weekend");
    clinic.receiveFaxAt(0, 1, Instant.now().minus(Duration.ofDays(4)));
    try (FaxbridgeInstance faxbridge = faxbridge(Map.of())) {
      ConnectionId connection = Operator.connect(faxbridge, "weekend", clinic);
      assertThat(faxbridge.bean(SyncConnection.class).run(connection).delivered()).isEqualTo(1);
      // The last sync before the outage ran three days ago: its cursors stopped there.
      Instant outageStart = Instant.now().minus(Duration.ofDays(3));
      faxbridge
          .bean(JdbcClient.class)
          .sql("update mailbox set synced_through = :at where connection_id = :c")
          .param("at", java.sql.Timestamp.from(outageStart))
          .param("c", connection.value())
          .update();
      List<String> duringOutage = new ArrayList<>();
      for (int i = 0; i < 36; i++) {
        Instant at = outageStart.plus(Duration.ofHours(1 + 2L * i));
        duringOutage.add(clinic.receiveFaxAt(i % 2, 1, at).messageId());
      }
      emulators
          .ringCentral()
          .markRead(clinic.account().id(), clinic.mailboxIds().get(1), duringOutage.get(1));
      emulators
          .ringCentral()
          .delete(clinic.account().id(), clinic.mailboxIds().get(0), duringOutage.get(2));

      SyncReport afterOutage = faxbridge.bean(SyncConnection.class).run(connection);

      assertThat(afterOutage.delivered()).isEqualTo(duringOutage.size());
      assertDeliveredOnce(faxbridge, "weekend", duringOutage.size() + 1);
    }
    assertThat(DropFolder.of(emulators.environment().inbox(), "weekend").documents()).hasSize(37);
  }

  private long listings() {
    return emulators.ringCentral().requestLog().stream()
        .filter(r -> r.path().endsWith("/message-store"))
        .count();
  }

  private void awaitListings(int pages) {
    await().atMost(Duration.ofSeconds(30)).until(() -> listings() >= pages);
  }

  /** Runs syncs until every fax is delivered, each run once a failed fax's backoff has passed. */
  private static void syncUntilEverythingIsDelivered(
      FaxbridgeInstance faxbridge, ConnectionId connection, String slug, int expected) {
    SyncConnection sync = faxbridge.bean(SyncConnection.class);
    FaxLedger ledger = faxbridge.bean(FaxLedger.class);
    for (int run = 0; run < 60; run++) {
      sync.run(connection);
      List<InboundFax> faxes = ledger(faxbridge, slug);
      if (faxes.size() == expected
          && faxes.stream().allMatch(f -> f.state() == FaxState.DELIVERED)) {
        return;
      }
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  ledger(faxbridge, slug).size() < expected
                      || !ledger.due(connection, 1).isEmpty());
    }
    assertThat(ledger(faxbridge, slug))
        .as("every fax delivered within 60 runs")
        .hasSize(expected)
        .allMatch(f -> f.state() == FaxState.DELIVERED);
  }

  private static List<InboundFax> ledger(FaxbridgeInstance faxbridge, String slug) {
    TenantId tenant = faxbridge.bean(Tenants.class).findBySlug(slug).orElseThrow().id();
    return faxbridge.bean(FaxLedger.class).forTenant(tenant);
  }

  private static void assertDeliveredOnce(FaxbridgeInstance faxbridge, String slug, int expected) {
    List<InboundFax> faxes = ledger(faxbridge, slug);
    assertThat(faxes).hasSize(expected).allMatch(f -> f.state() == FaxState.DELIVERED);
    TenantId tenant = faxbridge.bean(Tenants.class).findBySlug(slug).orElseThrow().id();
    Map<UUID, Long> deliveries =
        faxbridge.bean(AuditTrail.class).forTenant(tenant.value()).stream()
            .filter(e -> e.kind() == AuditKind.FAX_DELIVERED)
            .collect(Collectors.groupingBy(e -> e.faxId(), Collectors.counting()));
    assertThat(deliveries).hasSize(expected);
    assertThat(deliveries.values()).allMatch(count -> count == 1);
  }
}
