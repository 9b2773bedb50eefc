package dev.faxbridge.provider.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.provider.ListedFax;
import dev.faxbridge.provider.ListingRequest;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.Emulators;
import dev.faxbridge.testing.FaxbridgeInstance;
import dev.faxbridge.testing.Operator;
import dev.faxbridge.testing.TestEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Listing a window page by page sees every fax, even when the mailbox changes between pages. */
class ListingWindowTest {

  @RegisterExtension static final Emulators EMULATORS = Emulators.started();

  @Test
  void aFaxPurgedBetweenTwoPagesHidesNoOther() {
    TestEnvironment environment = EMULATORS.environment();
    Clinic clinic = environment.clinic("Purging");
    Instant now = Instant.now();
    List<String> sent = new ArrayList<>();
    for (int i = 7; i >= 1; i--) {
      sent.add(clinic.receiveFaxAt(0, 1, now.minus(Duration.ofMinutes(10L * i))).messageId());
    }
    Map<String, Object> properties = environment.properties();
    properties.put("faxbridge.ringcentral.page-size", "3");
    try (FaxbridgeInstance faxbridge = FaxbridgeInstance.start(properties)) {
      ConnectionId id = Operator.connect(faxbridge, "purging", clinic);
      ProviderConnection connection = faxbridge.bean(Connections.class).get(id);
      String mailbox = clinic.mailboxIds().get(0);
      List<String> seen = new ArrayList<>();

      faxbridge
          .bean(RingCentralFaxProvider.class)
          .listFaxes(
              connection,
              new ListingRequest(mailbox, now.minus(Duration.ofDays(1)), now, null),
              page -> {
                if (seen.isEmpty()) {
                  // Staff empty the trash of the newest fax while faxbridge is between pages.
                  String newest = page.get(0).messageId();
                  EMULATORS.ringCentral().delete(clinic.account().id(), mailbox, newest);
                  EMULATORS.ringCentral().delete(clinic.account().id(), mailbox, newest);
                }
                page.stream().map(ListedFax::messageId).forEach(seen::add);
              });

      assertThat(seen).containsAll(sent);
    }
  }
}
