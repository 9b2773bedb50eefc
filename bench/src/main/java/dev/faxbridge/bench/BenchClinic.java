package dev.faxbridge.bench;

import dev.faxbridge.emulator.Account;
import dev.faxbridge.emulator.ClientApp;
import dev.faxbridge.emulator.ExtensionSpec;
import dev.faxbridge.emulator.FaxMessage;
import dev.faxbridge.emulator.InboundFaxSpec;
import dev.faxbridge.emulator.RingCentralEmulator;
import java.util.ArrayList;
import java.util.List;

/**
 * A clinic's RingCentral account in the emulator: the admin owner's mailbox plus fax-only users,
 * and one JWT credential of the admin per app, so faxbridge and the SDK sample each get their own
 * rate-limit budget on the same account and faxes.
 */
record BenchClinic(Account account, List<String> mailboxIds, String faxbridgeJwt, String sdkJwt) {

  static BenchClinic create(
      RingCentralEmulator emulator,
      String name,
      int mailboxes,
      ClientApp faxbridge,
      ClientApp sdk) {
    Account account = emulator.createAccount(name);
    List<String> ids = new ArrayList<>(List.of(account.ownerExtensionId()));
    for (int i = 1; i < mailboxes; i++) {
      ids.add(
          emulator
              .createExtension(
                  account.id(),
                  ExtensionSpec.faxUser(name + " fax " + i, Integer.toString(200 + i)))
              .id());
    }
    String owner = account.ownerExtensionId();
    return new BenchClinic(
        account,
        List.copyOf(ids),
        emulator.issueJwtCredential(account.id(), owner, faxbridge.clientId()),
        sdk == null ? null : emulator.issueJwtCredential(account.id(), owner, sdk.clientId()));
  }

  /**
   * Puts {@code perMailbox} one-page faxes into every mailbox; answers them as the platform has
   * them.
   */
  List<FaxMessage> receiveBacklog(RingCentralEmulator emulator, int perMailbox) {
    List<FaxMessage> faxes = new ArrayList<>();
    for (String mailbox : mailboxIds) {
      for (int i = 0; i < perMailbox; i++) {
        faxes.add(
            emulator.deliverFax(
                account.id(), mailbox, InboundFaxSpec.of("+16505550100", "+16505550199", 1)));
      }
    }
    return faxes;
  }
}
