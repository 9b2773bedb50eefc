package dev.faxbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.fax.FaxLedger;
import dev.faxbridge.fax.FaxState;
import dev.faxbridge.fax.InboundFax;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.DropFolder;
import dev.faxbridge.testing.Emulators;
import dev.faxbridge.testing.FaxbridgeInstance;
import dev.faxbridge.testing.Operator;
import dev.faxbridge.testing.TestEnvironment;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The scheduled first run of a sync takes only its first faxes. When more are due (a back-fill), it
 * only downloads them, which starts the connection's rate-limit window, and leaves their delivery
 * to the run that continues the backlog; each fax is still downloaded once and delivered once. When
 * nothing more is due, it delivers at once.
 */
class FirstRunOfABacklogTest {

  @RegisterExtension final Emulators emulators = Emulators.startedForEachTest();

  private long downloads() {
    return emulators.ringCentral().requestLog().stream()
        .filter(r -> r.path().contains("/content/"))
        .count();
  }

  private static List<InboundFax> ledger(FaxbridgeInstance faxbridge, ConnectionId connection) {
    return faxbridge
        .bean(FaxLedger.class)
        .forTenant(faxbridge.bean(Connections.class).get(connection).tenantId());
  }

  @Test
  void aBacklogsFirstRunDownloadsItsFirstFaxAndTheNextRunDeliversIt() {
    TestEnvironment environment = emulators.environment();
    Clinic clinic = environment.clinic("Backlog");
    for (int i = 0; i < 3; i++) {
      clinic.receiveFax(0, 1);
    }
    try (FaxbridgeInstance faxbridge = FaxbridgeInstance.start(environment.properties())) {
      ConnectionId connection = Operator.connect(faxbridge, "backlog", clinic);
      SyncConnection sync = faxbridge.bean(SyncConnection.class);

      SyncReport first = sync.run(connection, 1);

      assertThat(first.delivered()).isZero();
      assertThat(first.moreDueNow()).isTrue();
      assertThat(downloads()).isEqualTo(1);
      assertThat(ledger(faxbridge, connection))
          .extracting(InboundFax::state)
          .containsExactlyInAnyOrder(FaxState.DOWNLOADED, FaxState.DISCOVERED, FaxState.DISCOVERED);
      assertThat(DropFolder.of(environment.inbox(), "backlog").documents()).isEmpty();

      SyncReport rest = sync.resume(connection, () -> false);

      assertThat(rest.delivered()).isEqualTo(3);
      assertThat(downloads()).as("the staged fax was not downloaded again").isEqualTo(3);
      assertThat(ledger(faxbridge, connection))
          .extracting(InboundFax::state)
          .containsOnly(FaxState.DELIVERED);
      assertThat(DropFolder.of(environment.inbox(), "backlog").documents()).hasSize(3);
    }
  }

  @Test
  void aFirstRunWithNothingMoreDueDeliversAtOnce() {
    TestEnvironment environment = emulators.environment();
    Clinic clinic = environment.clinic("Quiet");
    clinic.receiveFax(0, 1);
    try (FaxbridgeInstance faxbridge = FaxbridgeInstance.start(environment.properties())) {
      ConnectionId connection = Operator.connect(faxbridge, "quiet", clinic);

      SyncReport first = faxbridge.bean(SyncConnection.class).run(connection, 1);

      assertThat(first.delivered()).isEqualTo(1);
      assertThat(first.moreDueNow()).isFalse();
      assertThat(DropFolder.of(environment.inbox(), "quiet").documents()).hasSize(1);
    }
  }
}
