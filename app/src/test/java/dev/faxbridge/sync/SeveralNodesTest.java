package dev.faxbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.emulator.Fault;
import dev.faxbridge.emulator.FaultRule;
import dev.faxbridge.fax.FaxLedger;
import dev.faxbridge.fax.FaxState;
import dev.faxbridge.fax.InboundFax;
import dev.faxbridge.tenant.Tenant;
import dev.faxbridge.tenant.Tenants;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.DropFolder;
import dev.faxbridge.testing.Emulators;
import dev.faxbridge.testing.FaxbridgeInstance;
import dev.faxbridge.testing.Operator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two faxbridge nodes on one database share ten tenants through db-scheduler: every fax is
 * delivered exactly once, and when one node stops in the middle of its syncs the other finishes the
 * work.
 */
class SeveralNodesTest {

  private static final String CONTENT =
      "/restapi/v1.0/account/{accountId}/extension/{extensionId}/message-store/{messageId}/content/{attachmentId}";

  @RegisterExtension final Emulators emulators = Emulators.startedForEachTest();

  @BeforeEach
  void emulatorSettings() {
    emulators.ringCentral().rateLimitTiming(Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  private FaxbridgeInstance node(String name) {
    Map<String, Object> properties = emulators.environment().properties();
    properties.put("db-scheduler.enabled", "true");
    properties.put("db-scheduler.polling-interval", "200ms");
    properties.put("db-scheduler.heartbeat-interval", "300ms");
    properties.put("db-scheduler.missed-heartbeats-limit", "4");
    properties.put("db-scheduler.shutdown-max-wait", "200ms");
    properties.put("db-scheduler.threads", "4");
    properties.put("faxbridge.sync.claim-lease", "3s");
    properties.put("faxbridge.sync.retry-base", "50ms");
    properties.put("faxbridge.sync.retry-max", "200ms");
    properties.put("faxbridge.sync.max-attempts", "100");
    properties.put("spring.application.name", name);
    return FaxbridgeInstance.start(properties);
  }

  @Test
  void twoNodesDeliverEveryFaxOfTenTenantsOnceAndOneStoppingMidSyncLosesNothing() throws Exception {
    List<Clinic> clinics = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Clinic clinic = emulators.environment().clinic("Node clinic " + i);
      clinic.receiveFax(0, 1);
      clinic.receiveFax(1, 1);
      clinic.receiveFax(0, 2);
      clinics.add(clinic);
    }
    FaxbridgeInstance first = node("first");
    try (FaxbridgeInstance second = node("second")) {
      for (int i = 0; i < clinics.size(); i++) {
        Operator.connect(first, "clinic-" + i, clinics.get(i), 5);
      }
      awaitDelivered(second, 30);

      // Slow downloads keep syncs running while the first node goes away.
      emulators
          .ringCentral()
          .injectFault(
              FaultRule.once("GET", CONTENT, Fault.delay(Duration.ofMillis(150))).always());
      for (Clinic clinic : clinics) {
        for (int k = 0; k < 4; k++) {
          clinic.receiveFax(k % 2, 1);
        }
      }
      awaitAnyDownloadOf(first, 31);
      first.close();

      awaitDelivered(second, 70);
      assertDeliveredOnce(second, 70);
    } finally {
      first.close();
    }
    int documents = 0;
    for (int i = 0; i < clinics.size(); i++) {
      DropFolder folder = DropFolder.of(emulators.environment().inbox(), "clinic-" + i);
      assertThat(folder.documents()).as("clinic-%s", i).hasSize(7);
      folder.assertEveryDocumentMatchesItsSidecar();
      documents += folder.documents().size();
    }
    assertThat(documents).isEqualTo(70);
  }

  /** Waits until the ledger holds at least {@code downloads} faxes past DISCOVERED/FAILED. */
  private static void awaitAnyDownloadOf(FaxbridgeInstance node, int downloads) {
    await()
        .atMost(Duration.ofSeconds(30))
        .alias("waiting for downloads")
        .until(() -> ledger(node).stream().filter(f -> f.sha256() != null).count() >= downloads);
  }

  private static void awaitDelivered(FaxbridgeInstance node, int expected) {
    await()
        .atMost(Duration.ofSeconds(40))
        .untilAsserted(
            () ->
                assertThat(ledger(node))
                    .as("waiting for %s deliveries", expected)
                    .hasSize(expected)
                    .allMatch(f -> f.state() == FaxState.DELIVERED));
  }

  private static List<InboundFax> ledger(FaxbridgeInstance node) {
    List<InboundFax> all = new ArrayList<>();
    for (Tenant tenant : node.bean(Tenants.class).all()) {
      all.addAll(node.bean(FaxLedger.class).forTenant(tenant.id()));
    }
    return all;
  }

  private static void assertDeliveredOnce(FaxbridgeInstance node, int expected) {
    Map<UUID, Long> deliveries = new java.util.HashMap<>();
    for (Tenant tenant : node.bean(Tenants.class).all()) {
      deliveries.putAll(
          node.bean(AuditTrail.class).forTenant(tenant.id().value()).stream()
              .filter(e -> e.kind() == AuditKind.FAX_DELIVERED)
              .collect(Collectors.groupingBy(e -> e.faxId(), Collectors.counting())));
    }
    assertThat(deliveries).hasSize(expected);
    assertThat(deliveries.values()).allMatch(count -> count == 1);
  }
}
