package dev.faxbridge.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.audit.AuditEvent;
import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.Provider;
import dev.faxbridge.emulator.Fault;
import dev.faxbridge.emulator.FaultRule;
import dev.faxbridge.emulator.RingCentralEmulator;
import dev.faxbridge.emulator.faxage.FaxageEmulator;
import dev.faxbridge.emulator.faxage.FaxageFax;
import dev.faxbridge.fax.FaxLedger;
import dev.faxbridge.fax.FaxState;
import dev.faxbridge.fax.InboundFax;
import dev.faxbridge.sync.SyncConnection;
import dev.faxbridge.sync.SyncReport;
import dev.faxbridge.tenant.TenantId;
import dev.faxbridge.tenant.Tenants;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.DropFolder;
import dev.faxbridge.testing.FaxageClinic;
import dev.faxbridge.testing.FaxbridgeInstance;
import dev.faxbridge.testing.Operator;
import dev.faxbridge.testing.TestEnvironment;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A clinic in the middle of its move: a RingCentral and a Faxage connection on one tenant, both
 * delivering into the same folder, on the emulators' shared clock. Every fax arrives once, from
 * whichever source, through faults on both sides; Faxage is told a fax is handled only after its
 * delivery is recorded; and the Faxage source is retired only once it is drained.
 */
class TwoSourcesTest {

  private static final String RC_CONTENT =
      "/restapi/v1.0/account/{accountId}/extension/{extensionId}/message-store/{messageId}/content/{attachmentId}";

  @TempDir Path data;
  private RingCentralEmulator ringCentral;
  private FaxageEmulator faxage;
  private TestEnvironment environment;

  @BeforeEach
  void start() {
    ringCentral = RingCentralEmulator.builder().start();
    ringCentral.rateLimitsEnabled(false);
    ringCentral.rateLimitTiming(Duration.ofSeconds(1), Duration.ofSeconds(1));
    ringCentral.rateLimit("Light", 10_000);
    ringCentral.rateLimit("Medium", 10_000);
    // One clock for both emulators and faxbridge: moving it moves every side's "now".
    faxage = FaxageEmulator.builder().clock(ringCentral.clock()).start();
    environment = TestEnvironment.create(ringCentral, data);
  }

  @AfterEach
  void stop() {
    faxage.close();
    ringCentral.close();
  }

  private FaxbridgeInstance faxbridge() {
    Map<String, Object> properties = environment.properties();
    properties.putAll(FaxageClinic.properties(faxage));
    properties.put("faxbridge.sync.retry-base", "20ms");
    properties.put("faxbridge.sync.retry-max", "100ms");
    properties.put("faxbridge.sync.max-attempts", "100");
    properties.put("faxbridge.ringcentral.rate-limits.call-retry-base", "10ms");
    // Every Faxage fault reaches the engine: no retry inside the client.
    properties.put("faxbridge.faxage.call-attempts", "1");
    return FaxbridgeInstance.start(properties, ringCentral.clock());
  }

  @Test
  void aWeekOnBothSourcesWithFaultsOnBothDeliversEveryFaxOnceAndHandlesItAtFaxageOnlyAfter()
      throws Exception {
    Clinic clinic = Clinic.create(ringCentral, environment.app().clientId(), "Twofold");
    FaxageClinic old = FaxageClinic.create(faxage);
    int perDayEach = 4;
    int expected = 0;
    try (FaxbridgeInstance faxbridge = faxbridge()) {
      ConnectionId rc = Operator.connect(faxbridge, "twofold", clinic);
      ConnectionId fx = Operator.connectFaxage(faxbridge, "twofold", old, null);
      ringCentral.injectFault(new FaultRule("GET", RC_CONTENT, Fault.reset(), -1, 0.10));
      ringCentral.injectFault(new FaultRule("GET", RC_CONTENT, Fault.truncatedBody(), -1, 0.15));
      ringCentral.injectFault(new FaultRule("*", "*", Fault.status(503), -1, 0.10));
      faxage.injectFault(new FaultRule("POST", "getfax", Fault.truncatedBody(), -1, 0.15));
      faxage.injectFault(new FaultRule("POST", "getfax", Fault.reset(), -1, 0.10));
      faxage.injectFault(new FaultRule("POST", "handled", Fault.status(500), -1, 0.25));
      faxage.injectFault(new FaultRule("*", "*", Fault.status(503), -1, 0.10));

      for (int day = 0; day < 7; day++) {
        for (int i = 0; i < perDayEach; i++) {
          clinic.receiveFax(i % 2, 1 + i % 3);
          old.receiveFax(1 + (i + day) % 3);
          ringCentral.clock().advance(Duration.ofMinutes(37));
        }
        expected += 2 * perDayEach;
        if (day == 3) {
          faxage.databaseDown(true); // Faxage's own outage (ERR01) for a whole sync
          faxbridge.bean(SyncConnection.class).run(fx);
          faxage.databaseDown(false);
        }
        syncUntilSettled(faxbridge, "twofold", List.of(rc, fx), expected);
        ringCentral.clock().advance(Duration.ofHours(21));
      }
      ringCentral.clearFaults();
      faxage.clearFaults();
      for (ConnectionId connection : List.of(rc, fx)) {
        SyncReport calm = faxbridge.bean(SyncConnection.class).run(connection);
        assertThat(calm.newFaxes()).as("nothing new on a calm run").isZero();
        assertThat(calm.delivered()).isZero();
      }

      List<InboundFax> ledger = ledger(faxbridge, "twofold");
      assertThat(ledger).hasSize(expected);
      assertThat(ledger.stream().filter(f -> f.source().provider() == Provider.FAXAGE))
          .hasSize(7 * perDayEach)
          .allMatch(f -> f.state() == FaxState.ACKNOWLEDGED);
      assertThat(ledger.stream().filter(f -> f.source().provider() == Provider.RINGCENTRAL))
          .hasSize(7 * perDayEach)
          .allMatch(f -> f.state() == FaxState.DELIVERED);
      assertThat(faxage.faxes(old.account().company()))
          .hasSize(7 * perDayEach)
          .allMatch(FaxageFax::handled)
          .noneMatch(FaxageFax::deleted);
      Map<String, FaxageFax> sent =
          faxage.faxes(old.account().company()).stream()
              .collect(Collectors.toMap(f -> Long.toString(f.recvid()), Function.identity()));
      for (InboundFax fax : ledger) {
        if (fax.source().provider() == Provider.FAXAGE) {
          assertThat(fax.sha256()).isEqualTo(sent.get(fax.source().messageId()).sha256());
        }
      }
      assertDeliveredOnceAndAcknowledgedAfter(faxbridge, "twofold", expected);
      assertThat(faxage.requestLog())
          .as("faults were injected at Faxage")
          .anyMatch(r -> r.status() >= 500);
    }

    DropFolder folder = DropFolder.of(environment.inbox(), "twofold");
    assertThat(folder.documents()).hasSize(expected);
    folder.assertEveryDocumentMatchesItsSidecar();
    List<JsonNode> sidecars = folder.sidecarContents();
    Set<String> keys = new HashSet<>();
    sidecars.forEach(s -> keys.add(s.get("id").asString()));
    assertThat(keys).as("no two faxes share a name").hasSize(expected);
    assertThat(sidecars.stream().filter(s -> s.get("provider").asString().equals("faxage")))
        .hasSize(7 * perDayEach)
        .allMatch(s -> s.get("id").asString().startsWith("faxage-" + old.account().company()))
        .allMatch(s -> s.path("faxage").path("recvid").isString())
        .allMatch(s -> s.path("faxage").path("company").asString().equals(old.account().company()));
    assertThat(sidecars.stream().filter(s -> s.get("provider").asString().equals("ringcentral")))
        .hasSize(7 * perDayEach)
        .allMatch(s -> s.get("id").asString().startsWith("ringcentral-"))
        .allMatch(s -> s.path("ringcentral").path("extensionId").isString());
  }

  @Test
  void retiringFaxageRefusesWhileFaxesAreUnhandledAndWipesItsLoginOnceDrained() throws Exception {
    Clinic clinic = Clinic.create(ringCentral, environment.app().clientId(), "Mover");
    FaxageClinic old = FaxageClinic.create(faxage);
    try (FaxbridgeInstance faxbridge = faxbridge()) {
      ConnectionId rc = Operator.connect(faxbridge, "mover", clinic);
      ConnectionId fx = Operator.connectFaxage(faxbridge, "mover", old, null);
      String retire = "/api/tenants/mover/connections/" + fx + "/retirement";
      old.receiveFax(2);
      old.receiveFax(1);

      HttpResponse<String> early = faxbridge.api("POST", retire, null);
      assertThat(early.statusCode()).as(early.body()).isEqualTo(409);
      JsonNode refusal = Operator.json(early);
      assertThat(refusal.get("unhandledAtSource").asInt()).isEqualTo(2);
      assertThat(refusal.get("detail").asString()).contains("2 faxes still unhandled at faxage");

      // Delivered but its acknowledgement failing: still not drained.
      faxage.injectFault(FaultRule.once("POST", "handled", Fault.status(500)).always());
      faxbridge.bean(SyncConnection.class).run(fx);
      HttpResponse<String> owed = faxbridge.api("POST", retire, null);
      assertThat(owed.statusCode()).isEqualTo(409);
      assertThat(Operator.json(owed).get("acknowledgementsOwed").asInt()).isEqualTo(2);

      faxage.clearFaults();
      ringCentral.clock().advance(Duration.ofMinutes(1));
      faxbridge.bean(SyncConnection.class).run(fx);
      assertThat(faxage.faxes(old.account().company())).allMatch(FaxageFax::handled);

      clinic.receiveFax(0, 1);
      faxbridge.bean(SyncConnection.class).run(rc);
      JsonNode before = Operator.json(faxbridge.api("GET", "/api/tenants/mover/migration", null));
      assertThat(before.get("stage").asString()).isEqualTo("both");

      HttpResponse<String> retired = faxbridge.api("POST", retire, null);
      assertThat(retired.statusCode()).as(retired.body()).isEqualTo(200);
      assertThat(Operator.json(retired).get("retiredBy").asString()).isNotBlank();
      assertThat(faxbridge.bean(Connections.class).credential(fx)).as("login wiped").isEmpty();
      TenantId tenant = faxbridge.bean(Tenants.class).findBySlug("mover").orElseThrow().id();
      List<AuditEvent> audit = faxbridge.bean(AuditTrail.class).forTenant(tenant.value());
      assertThat(audit)
          .filteredOn(e -> e.kind() == AuditKind.CONNECTION_RETIRED)
          .singleElement()
          .satisfies(e -> assertThat(e.connectionId()).isEqualTo(fx.value()))
          .satisfies(
              e ->
                  assertThat(e.actor())
                      .isEqualTo(Operator.json(retired).get("retiredBy").asString()));
      assertThat(audit)
          .filteredOn(e -> e.kind() == AuditKind.CONNECTION_RETIREMENT_REFUSED)
          .hasSize(2);
      assertThat(faxbridge.api("POST", retire, null).statusCode())
          .as("retired once")
          .isEqualTo(409);

      JsonNode after = Operator.json(faxbridge.api("GET", "/api/tenants/mover/migration", null));
      assertThat(after.get("stage").asString()).isEqualTo("migrated");
      JsonNode sources = after.get("sources");
      assertThat(sources).hasSize(2);
      JsonNode faxageSource =
          sources.get(0).get("provider").asString().equals("faxage")
              ? sources.get(0)
              : sources.get(1);
      assertThat(faxageSource.get("retiredAt").isNull()).isFalse();
      assertThat(faxageSource.get("faxesPerDay")).hasSize(14);
      int total = 0;
      for (JsonNode day : faxageSource.get("faxesPerDay")) {
        total += day.get("faxes").asInt();
      }
      assertThat(total).isEqualTo(2);
      assertThat(faxageSource.get("openFailures").asInt()).isZero();

      ConnectionId again = Operator.connectFaxage(faxbridge, "mover", old, null);
      assertThat(again).as("a retired source is never brought back").isNotEqualTo(fx);
      assertThat(faxbridge.bean(Connections.class).retiredAt(fx)).isPresent();
      faxbridge.api("DELETE", "/api/connections/" + again, null);

      JsonNode all = Operator.json(faxbridge.api("GET", "/api/migration?stage=migrated", null));
      assertThat(all.get("items")).hasSize(1);
      assertThat(all.get("items").get(0).get("slug").asString()).isEqualTo("mover");
    }
  }

  /** Runs syncs of every connection until the tenant's faxes are all in and settled. */
  private void syncUntilSettled(
      FaxbridgeInstance faxbridge, String slug, List<ConnectionId> connections, int expected) {
    SyncConnection sync = faxbridge.bean(SyncConnection.class);
    for (int run = 0; run < 80; run++) {
      connections.forEach(sync::run);
      List<InboundFax> faxes = ledger(faxbridge, slug);
      if (faxes.size() == expected
          && faxes.stream()
              .allMatch(f -> f.state() == FaxState.DELIVERED || f.state() == FaxState.ACKNOWLEDGED)
          && faxes.stream()
              .noneMatch(f -> f.acknowledgement() != null && f.state() == FaxState.DELIVERED)) {
        return;
      }
      // Failed faxes and acknowledgements are due again after their backoff on this clock.
      ringCentral.clock().advance(Duration.ofSeconds(1));
    }
    assertThat(ledger(faxbridge, slug))
        .as("every fax settled within 80 runs")
        .hasSize(expected)
        .allMatch(f -> f.state() == FaxState.DELIVERED || f.state() == FaxState.ACKNOWLEDGED);
  }

  private static List<InboundFax> ledger(FaxbridgeInstance faxbridge, String slug) {
    TenantId tenant = faxbridge.bean(Tenants.class).findBySlug(slug).orElseThrow().id();
    return faxbridge.bean(FaxLedger.class).forTenant(tenant);
  }

  /**
   * Each fax delivered exactly once, and each acknowledgement at the source (attempted or done)
   * recorded after that fax's delivery was.
   */
  private static void assertDeliveredOnceAndAcknowledgedAfter(
      FaxbridgeInstance faxbridge, String slug, int expected) {
    TenantId tenant = faxbridge.bean(Tenants.class).findBySlug(slug).orElseThrow().id();
    List<AuditEvent> audit = faxbridge.bean(AuditTrail.class).forTenant(tenant.value());
    Map<UUID, List<AuditEvent>> delivered =
        audit.stream()
            .filter(e -> e.kind() == AuditKind.FAX_DELIVERED)
            .collect(Collectors.groupingBy(AuditEvent::faxId));
    assertThat(delivered).hasSize(expected);
    assertThat(delivered.values()).allMatch(events -> events.size() == 1);
    List<AuditEvent> acknowledgements =
        audit.stream()
            .filter(
                e ->
                    e.kind() == AuditKind.FAX_ACKNOWLEDGED
                        || e.kind() == AuditKind.FAX_ACKNOWLEDGEMENT_FAILED)
            .toList();
    assertThat(acknowledgements).isNotEmpty();
    assertThat(acknowledgements.stream().map(AuditEvent::kind))
        .as("acknowledgements failed and were tried again")
        .contains(AuditKind.FAX_ACKNOWLEDGEMENT_FAILED);
    for (AuditEvent acknowledgement : acknowledgements) {
      assertThat(delivered.get(acknowledgement.faxId()))
          .as("fax %s delivered before its acknowledgement", acknowledgement.faxId())
          .singleElement()
          .satisfies(d -> assertThat(d.id()).isLessThan(acknowledgement.id()));
    }
  }
}
