package dev.faxbridge.testing;

import dev.faxbridge.emulator.Account;
import dev.faxbridge.emulator.Extension;
import dev.faxbridge.emulator.ExtensionSpec;
import dev.faxbridge.emulator.FaxMessage;
import dev.faxbridge.emulator.InboundFaxSpec;
import dev.faxbridge.emulator.RingCentralEmulator;
import java.time.Instant;
import java.util.List;

/**
 * A clinic's RingCentral account in the emulator with two fax mailboxes: the admin owner's
 * (extension 101) and a fax-only extension, and a JWT credential of the admin for faxbridge's app.
 */
public record Clinic(
    RingCentralEmulator emulator, Account account, List<String> mailboxIds, String jwt) {

  public static Clinic create(RingCentralEmulator emulator, String clientId, String name) {
    Account account = emulator.createAccount(name);
    Extension front =
        emulator.createExtension(account.id(), ExtensionSpec.faxUser(name + " front desk", "201"));
    String jwt = emulator.issueJwtCredential(account.id(), account.ownerExtensionId(), clientId);
    return new Clinic(emulator, account, List.of(account.ownerExtensionId(), front.id()), jwt);
  }

  public FaxMessage receiveFax(int mailbox, int pages) {
    return emulator.deliverFax(
        account.id(),
        mailboxIds.get(mailbox),
        InboundFaxSpec.of("+16505550100", "+16505550199", pages));
  }

  public FaxMessage receiveFaxAt(int mailbox, int pages, Instant at) {
    return emulator.deliverFax(
        account.id(),
        mailboxIds.get(mailbox),
        InboundFaxSpec.of("+16505550100", "+16505550199", pages).receivedAt(at));
  }
}
