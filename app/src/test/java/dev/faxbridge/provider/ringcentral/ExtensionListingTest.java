package dev.faxbridge.provider.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.emulator.LoggedRequest;
import dev.faxbridge.sync.SyncConnection;
import dev.faxbridge.sync.SyncReport;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.Emulators;
import dev.faxbridge.testing.FaxbridgeInstance;
import dev.faxbridge.testing.Operator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An onboarding lists the account's extensions with the new authorization; the connection's first
 * sync on the same node takes that list instead of asking RingCentral again, once, and only while
 * it is fresh. Every later listing, and a first sync on another node, asks RingCentral.
 */
class ExtensionListingTest {

  @RegisterExtension final Emulators emulators = Emulators.startedForEachTest();

  private static final String EXTENSION_LIST = "/restapi/v1.0/account/~/extension";

  private long extensionLists(Clinic clinic) {
    List<LoggedRequest> log = emulators.ringCentral().requestLog();
    return log.stream()
        .filter(r -> r.method().equals("GET") && r.path().equals(EXTENSION_LIST))
        .filter(r -> r.byAccount(clinic.account().id()))
        .count();
  }

  private Map<String, Object> properties() {
    Map<String, Object> properties = emulators.environment().properties();
    // Every sync's mailboxes are due for a listing, unless an authorization's list stands in.
    properties.put("faxbridge.sync.mailbox-refresh", "0s");
    return properties;
  }

  @Test
  void theFirstSyncTakesTheListTheAuthorizationJustReadAndTheNextSyncListsAgain() {
    Clinic clinic = emulators.environment().clinic("Front desk");
    clinic.receiveFax(0, 1);
    clinic.receiveFax(1, 1);
    try (FaxbridgeInstance faxbridge = FaxbridgeInstance.start(properties())) {
      ConnectionId connection = Operator.connect(faxbridge, "front-desk", clinic);
      assertThat(extensionLists(clinic)).as("the onboarding's check").isEqualTo(1);

      SyncReport first = faxbridge.bean(SyncConnection.class).run(connection);

      assertThat(first.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
      assertThat(first.mailboxes()).isEqualTo(clinic.mailboxIds().size());
      assertThat(first.delivered()).as("both fax mailboxes were found").isEqualTo(2);
      assertThat(extensionLists(clinic)).as("no second listing for the first sync").isEqualTo(1);

      faxbridge.bean(SyncConnection.class).run(connection);

      assertThat(extensionLists(clinic)).as("the list is taken once").isEqualTo(2);
    }
  }

  @Test
  void aListOlderThanFreshIsNotUsed() {
    Clinic clinic = emulators.environment().clinic("Slow start");
    try (FaxbridgeInstance faxbridge =
        FaxbridgeInstance.start(properties(), emulators.ringCentral().clock())) {
      ConnectionId connection = Operator.connect(faxbridge, "slow-start", clinic);
      emulators.ringCentral().clock().advance(ExtensionListing.FRESH.plus(Duration.ofSeconds(1)));

      faxbridge.bean(SyncConnection.class).run(connection);

      assertThat(extensionLists(clinic)).isEqualTo(2);
    }
  }

  @Test
  void aFirstSyncOnAnotherNodeListsItself() {
    Clinic clinic = emulators.environment().clinic("Two nodes");
    Map<String, Object> properties = properties();
    try (FaxbridgeInstance authorizing = FaxbridgeInstance.start(properties);
        FaxbridgeInstance other = FaxbridgeInstance.start(properties)) {
      ConnectionId connection = Operator.connect(authorizing, "two-nodes", clinic);

      SyncReport first = other.bean(SyncConnection.class).run(connection);

      assertThat(first.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
      assertThat(extensionLists(clinic)).isEqualTo(2);
    }
  }
}
