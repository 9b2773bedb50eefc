package dev.faxbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.ringcentral.RestClient;
import com.ringcentral.definitions.GetMessageList;
import com.ringcentral.definitions.ListMessagesParameters;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An emulator with a state directory comes back after a restart (or a kill) as it was. */
class StateDirectoryTest {

  @TempDir Path state;

  @Test
  void appsAccountsCredentialsAndFaxesSurviveARestart() throws Exception {
    ClientApp app;
    Account account;
    Extension fax;
    String jwt;
    FaxMessage first;
    FaxMessage second;
    try (RingCentralEmulator emu = RingCentralEmulator.builder().stateDirectory(state).start()) {
      app = emu.createApp("faxbridge");
      account = emu.createAccount("Clinic A");
      fax = emu.createExtension(account.id(), ExtensionSpec.faxUser("Front desk", "201"));
      jwt = emu.issueJwtCredential(account.id(), account.ownerExtensionId(), app.clientId());
      first =
          emu.deliverFax(account.id(), fax.id(), InboundFaxSpec.of("+15550001", "+15550002", 2));
      second =
          emu.deliverFax(account.id(), fax.id(), InboundFaxSpec.of("+15550003", "+15550002", 1));
      emu.markRead(account.id(), fax.id(), first.messageId());
      emu.delete(account.id(), fax.id(), second.messageId());
    }

    try (RingCentralEmulator emu = RingCentralEmulator.builder().stateDirectory(state).start()) {
      assertThat(emu.apps()).containsExactly(app);
      assertThat(emu.accounts()).containsExactly(account);
      assertThat(emu.extensions(account.id())).extracting(Extension::id).contains(fax.id());
      assertThat(emu.fax(account.id(), fax.id(), first.messageId())).isEqualTo(first);
      assertThat(emu.readStatus(account.id(), fax.id(), first.messageId())).isEqualTo("Read");
      assertThat(emu.availability(account.id(), fax.id(), second.messageId())).isEqualTo("Deleted");
      assertThat(emu.newestFaxTime(account.id())).contains(second.creationTime());

      RestClient sdk =
          new RestClient(app.clientId(), app.clientSecret(), emu.platformUrl().toString());
      sdk.authorize(jwt);
      GetMessageList list =
          sdk.restapi()
              .account()
              .extension(fax.id())
              .messageStore()
              .list(
                  new ListMessagesParameters()
                      .availability(new String[] {"Alive", "Deleted"})
                      .dateFrom(first.creationTime().minusSeconds(60).toString()));
      assertThat(list.records).hasSize(2);

      FaxMessage third =
          emu.deliverFax(account.id(), fax.id(), InboundFaxSpec.of("+15550004", "+15550002", 1));
      assertThat(Long.parseLong(third.messageId()))
          .isGreaterThan(Long.parseLong(second.messageId()));
    }
  }

  @Test
  void withoutAStateDirectoryNothingIsKept() {
    try (RingCentralEmulator emu = RingCentralEmulator.builder().start()) {
      emu.createAccount("Clinic A");
    }
    try (RingCentralEmulator emu = RingCentralEmulator.builder().start()) {
      assertThat(emu.accounts()).isEmpty();
    }
  }
}
