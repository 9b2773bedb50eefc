package dev.faxbridge.fax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.connection.TestBed;
import dev.faxbridge.emulator.InboundFaxSpec;
import dev.faxbridge.retention.RetentionPurge;
import dev.faxbridge.sync.SyncConnection;
import dev.faxbridge.tenant.TenantId;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.DatabaseScan;
import dev.faxbridge.testing.Emulators;
import dev.faxbridge.testing.FaxbridgeInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * PHI at rest: phone numbers are stored sealed (rows from before are sealed on start), reach the
 * destination and an operator who asks (audited) in the clear, and records are purged once past
 * their retention, the audit trail only through the purge.
 */
class PhiAtRestTest {

  private static final String FROM = "+16505550100";
  private static final String TO = "+16505550199";
  private static final String SENDER = "Laboratoire Élodie Ørsted";
  private static final String RULE_NUMBER = "+16505550177";

  @RegisterExtension static final Emulators EMULATORS = Emulators.started();

  @Test
  void noColumnHoldsAPhoneNumberInTheClearWhileTheDestinationAndARevealingOperatorGetThem()
      throws IOException {
    TestBed bed = TestBed.create(EMULATORS);
    Clinic clinic = bed.clinic("Hillcrest");
    UUID legacy;
    String tenant;
    try (FaxbridgeInstance faxbridge = bed.start()) {
      tenant = TestBed.createTenant(faxbridge, "hillcrest");
      ConnectionId connection = TestBed.connectJwt(faxbridge, tenant, clinic.jwt());
      clinic.receiveFax(0, 1);
      clinic.receiveFax(1, 1);
      EMULATORS
          .ringCentral()
          .deliverFax(
              clinic.account().id(),
              clinic.mailboxIds().get(1),
              InboundFaxSpec.of(FROM, TO, 2).senderName(SENDER));
      // Another tenant routes by a number: the rule's number is PHI too.
      TestBed.createTenant(faxbridge, "routes");
      String destination =
          TestBed.json(
                  faxbridge.api(
                      "POST",
                      "/api/tenants/routes/destinations",
                      "{\"name\":\"lab\",\"kind\":\"folder\",\"settings\":{\"root\":\""
                          + bed.data().resolve("routes")
                          + "\"}}"))
              .get("id")
              .asString();
      assertThat(
              faxbridge
                  .api(
                      "POST",
                      "/api/tenants/routes/routing-rules",
                      "{\"destinationId\":\""
                          + destination
                          + "\",\"number\":\""
                          + RULE_NUMBER
                          + "\"}")
                  .statusCode())
          .isEqualTo(201);
      EMULATORS.ringCentral().clock().advance(Duration.ofMinutes(58));
      assertThat(faxbridge.bean(SyncConnection.class).run(connection).delivered()).isEqualTo(3);
      assertThat(stagedFiles(bed)).as("staged copies of delivered faxes").isEmpty();
      // A row as written before numbers were sealed.
      JdbcClient jdbc = faxbridge.bean(JdbcClient.class);
      legacy = jdbc.sql("select id from inbound_fax limit 1").query(UUID.class).single();
      jdbc.sql(
              """
              update inbound_fax set from_number = :from, to_number = :to,
                  from_number_sealed = null, to_number_sealed = null where id = :id
              """)
          .param("from", FROM)
          .param("to", TO)
          .param("id", legacy)
          .update();
    }
    try (FaxbridgeInstance faxbridge = bed.start()) {
      List<String> inClear =
          DatabaseScan.everyValue(faxbridge.bean(JdbcClient.class)).stream()
              .filter(
                  v ->
                      v.text().contains("6505550100")
                          || v.text().contains("6505550199")
                          || v.text().contains("6505550177")
                          || v.text().contains(SENDER))
              .map(DatabaseScan.Value::column)
              .toList();
      assertThat(inClear).isEmpty();
      List<InboundFax> faxes = faxbridge.bean(FaxLedger.class).forTenant(TenantId.parse(tenant));
      assertThat(faxes)
          .hasSize(3)
          .allSatisfy(fax -> assertThat(fax.source().fromNumber()).isEqualTo(FROM))
          .allSatisfy(fax -> assertThat(fax.source().toNumber()).isEqualTo(TO));
      assertThat(faxes).anySatisfy(fax -> assertThat(fax.source().senderName()).isEqualTo(SENDER));
      try (Stream<Path> files = Files.walk(bed.data().resolve("inbox"))) {
        List<Path> sidecars = files.filter(f -> f.toString().endsWith(".json")).toList();
        assertThat(sidecars).hasSize(3);
        assertThat(Files.readString(sidecars.get(0))).contains(FROM).contains(TO);
      }

      JsonNode masked = TestBed.json(faxbridge.api("GET", "/api/faxes/" + legacy, null));
      assertThat(masked.get("fromNumber").asString()).isEqualTo("***00");
      assertThat(masked.get("toNumber").asString()).isEqualTo("***99");
      assertThat(revealEvents(faxbridge)).isZero();
      JsonNode revealed =
          TestBed.json(faxbridge.api("GET", "/api/faxes/" + legacy + "?reveal=phoneNumbers", null));
      assertThat(revealed.get("fromNumber").asString()).isEqualTo(FROM);
      assertThat(revealed.get("toNumber").asString()).isEqualTo(TO);
      assertThat(revealEvents(faxbridge)).isOne();
      assertThat(
              faxbridge
                  .api("GET", "/api/faxes/" + legacy + "?reveal=everything", null)
                  .statusCode())
          .isEqualTo(400);
    }
  }

  @Test
  void theDailyPurgeDeletesFinishedLedgerRowsAndOldAuditEventsAndAuditsItself() throws IOException {
    TestBed bed = TestBed.create(EMULATORS);
    Clinic clinic = bed.clinic("Brookside");
    try (FaxbridgeInstance faxbridge = bed.start()) {
      String tenant = TestBed.createTenant(faxbridge, "brookside");
      ConnectionId connection = TestBed.connectJwt(faxbridge, tenant, clinic.jwt());
      clinic.receiveFax(0, 1);
      clinic.receiveFax(0, 1);
      EMULATORS.ringCentral().clock().advance(Duration.ofMinutes(58));
      assertThat(faxbridge.bean(SyncConnection.class).run(connection).delivered()).isEqualTo(2);
      JdbcClient jdbc = faxbridge.bean(JdbcClient.class);
      List<UUID> ids = jdbc.sql("select id from inbound_fax").query(UUID.class).list();
      UUID pending = ids.get(0);
      UUID delivered = ids.get(1);
      jdbc.sql("update inbound_fax set state = 'FAILED' where id = :id")
          .param("id", pending)
          .update();
      Path staging = Files.createDirectories(bed.data().resolve("staging"));
      Files.writeString(staging.resolve(pending + ".staged"), "pending");
      Files.writeString(staging.resolve(delivered + ".staged"), "left behind by a crash");
      assertThatThrownBy(() -> jdbc.sql("delete from audit_event").update())
          .as("the audit trail refuses deletes outside the purge")
          .hasMessageContaining("append-only");

      RetentionPurge purge = faxbridge.bean(RetentionPurge.class);
      assertThat(purge.run()).isEqualTo(new RetentionPurge.Purged(0, 0, 1));
      assertThat(stagedFiles(bed)).containsExactly(staging.resolve(pending + ".staged"));

      long events = jdbc.sql("select count(*) from audit_event").query(Long.class).single();
      EMULATORS.ringCentral().clock().advance(Duration.ofDays(366));
      assertThat(purge.run()).isEqualTo(new RetentionPurge.Purged(1, 0, 0));
      assertThat(jdbc.sql("select id from inbound_fax").query(UUID.class).list())
          .as("a fax still on its way is never purged")
          .containsExactly(pending);

      // Six years (2192 days) after the first events, they are purged; the last purge's is younger.
      EMULATORS.ringCentral().clock().advance(Duration.ofDays(6 * 365));
      assertThat(purge.run()).isEqualTo(new RetentionPurge.Purged(0, events, 0));
      assertThat(jdbc.sql("select kind from audit_event").query(String.class).list())
          .containsExactly("RETENTION_PURGED", "RETENTION_PURGED");
      assertThatThrownBy(() -> jdbc.sql("delete from audit_event").update())
          .hasMessageContaining("append-only");
    }
  }

  private static long revealEvents(FaxbridgeInstance faxbridge) {
    return faxbridge
        .bean(JdbcClient.class)
        .sql(
            "select count(*) from audit_event where kind = 'PHI_REVEALED' and actor = 'operator-api'")
        .query(Long.class)
        .single();
  }

  private static List<Path> stagedFiles(TestBed bed) throws IOException {
    Path staging = bed.data().resolve("staging");
    if (!Files.isDirectory(staging)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(staging)) {
      return files.toList();
    }
  }
}
