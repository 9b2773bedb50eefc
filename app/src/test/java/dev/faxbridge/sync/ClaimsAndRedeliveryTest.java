package dev.faxbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.emulator.RingCentralEmulator;
import dev.faxbridge.fax.FaxLedger;
import dev.faxbridge.fax.FaxState;
import dev.faxbridge.fax.InboundFax;
import dev.faxbridge.tenant.TenantId;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.DropFolder;
import dev.faxbridge.testing.Emulators;
import dev.faxbridge.testing.FaxbridgeInstance;
import dev.faxbridge.testing.Operator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A sync writes to the ledger only while its claim holds, and a fax delivered again (after a crash
 * before the ledger's commit) is recognised by its destination and left as it is.
 */
class ClaimsAndRedeliveryTest {

  @RegisterExtension final Emulators emulators = Emulators.startedForEachTest();

  @Test
  void aSyncThatOutlivedItsClaimCannotOverwriteTheWorkOfTheSyncThatTookItOver() {
    RingCentralEmulator emulator = emulators.ringCentral();
    Clinic clinic = emulators.environment().clinic("Slowpoke");
    clinic.receiveFax(0, 1);
    try (FaxbridgeInstance faxbridge =
        FaxbridgeInstance.start(emulators.environment().properties(), emulator.clock())) {
      ConnectionId connection = Operator.connect(faxbridge, "slowpoke", clinic);
      FaxLedger ledger = faxbridge.bean(FaxLedger.class);
      TenantId tenant = faxbridge.bean(Connections.class).get(connection).tenantId();
      ledger.recordListed(
          tenant,
          connection,
          List.of(
              new dev.faxbridge.provider.ListedFax(
                  dev.faxbridge.connection.Provider.RINGCENTRAL,
                  clinic.account().id(),
                  clinic.mailboxIds().get(0),
                  "42",
                  "43",
                  emulator.clock().instant(),
                  null,
                  null,
                  1,
                  "application/pdf",
                  null,
                  java.net.URI.create("https://media.example/42"),
                  null,
                  null)));
      UUID fax = ledger.forTenant(tenant).get(0).id();

      UUID stale = ledger.claim(fax, Duration.ofMinutes(1)).orElseThrow();
      emulator.clock().advance(Duration.ofMinutes(2));
      Optional<UUID> current = ledger.claim(fax, Duration.ofMinutes(1));

      assertThat(current).as("the lease ran out, so another sync may claim the fax").isPresent();
      assertThat(ledger.markDownloaded(fax, stale, 10, "aa".repeat(32))).isFalse();
      assertThat(ledger.markFailed(fax, stale, emulator.clock().instant(), "late")).isFalse();
      assertThat(ledger.markDelivered(fax, stale, 10, "aa".repeat(32), "late.json", null))
          .isFalse();
      assertThat(ledger.release(fax, stale)).isFalse();
      InboundFax untouched = ledger.find(fax).orElseThrow();
      assertThat(untouched.state()).isEqualTo(FaxState.DISCOVERED);
      assertThat(untouched.attempts()).isZero();
      assertThat(untouched.lastError()).isNull();

      assertThat(ledger.markDelivered(fax, current.get(), 10, "bb".repeat(32), "now.json", null))
          .isTrue();
      assertThat(ledger.markFailed(fax, stale, emulator.clock().instant(), "late")).isFalse();
      assertThat(ledger.find(fax).orElseThrow().deliveredTo()).isEqualTo("now.json");
    }
  }

  @Test
  void aFaxDeliveredAgainBeforeItsLedgerCommitLeavesTheDeliveredFilesUntouched() throws Exception {
    Clinic clinic = emulators.environment().clinic("Twice");
    clinic.receiveFax(1, 2);
    try (FaxbridgeInstance faxbridge =
        FaxbridgeInstance.start(emulators.environment().properties())) {
      ConnectionId connection = Operator.connect(faxbridge, "twice", clinic);
      SyncConnection sync = faxbridge.bean(SyncConnection.class);
      assertThat(sync.run(connection).delivered()).isEqualTo(1);
      DropFolder folder = DropFolder.of(emulators.environment().inbox(), "twice");
      Path document = folder.documents().get(0);
      Path sidecar = folder.sidecars().get(0);
      Map<Path, Object> inodes = Map.of(document, inode(document), sidecar, inode(sidecar));
      Map<Path, FileTime> modified =
          Map.of(
              document,
              Files.getLastModifiedTime(document),
              sidecar,
              Files.getLastModifiedTime(sidecar));
      // As after a crash between the sidecar's rename and the ledger's commit: the ledger still
      // says the fax waits for delivery.
      faxbridge
          .bean(JdbcClient.class)
          .sql(
              """
              update inbound_fax set state = 'DISCOVERED', delivered_at = null, attempts = 0,
                  next_attempt_at = now() where connection_id = :c
              """)
          .param("c", connection.value())
          .update();

      SyncReport again = sync.run(connection);

      assertThat(again.delivered()).isEqualTo(1);
      List<InboundFax> faxes =
          faxbridge
              .bean(FaxLedger.class)
              .forTenant(faxbridge.bean(Connections.class).get(connection).tenantId());
      assertThat(faxes)
          .singleElement()
          .satisfies(f -> assertThat(f.state()).isEqualTo(FaxState.DELIVERED));
      assertThat(folder.documents()).containsExactly(document);
      for (Path file : List.of(document, sidecar)) {
        assertThat(inode(file))
            .as("%s kept its inode", file.getFileName())
            .isEqualTo(inodes.get(file));
        assertThat(Files.getLastModifiedTime(file))
            .as("%s was not written again", file.getFileName())
            .isEqualTo(modified.get(file));
      }
    }
  }

  private static Object inode(Path file) throws Exception {
    return Files.getAttribute(file, "unix:ino");
  }
}
