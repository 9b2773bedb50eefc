package dev.faxbridge.emulator;

import java.util.ArrayList;
import java.util.List;

/**
 * Demo data: one app and two clinics, each with an admin owner holding a JWT for the app, a
 * fax-only extension, a front-desk user, a department, and a disabled former employee.
 */
public record Demo(ClientApp app, List<Clinic> clinics) {

  /** One demo clinic: its account, the extensions that receive faxes, and the owner's JWT. */
  public record Clinic(Account account, List<Extension> faxMailboxes, String jwt) {}

  static final String APP_NAME = "faxbridge-demo";

  /**
   * The demo data of an emulator that kept its state (see {@code stateDirectory}), with fresh JWTs
   * for the owners; seeds it when it is not there yet.
   */
  public static Demo seedOrReuse(RingCentralEmulator emu) {
    ClientApp app =
        emu.apps().stream().filter(a -> a.name().equals(APP_NAME)).findFirst().orElse(null);
    if (app == null) {
      return seed(emu);
    }
    List<Clinic> clinics = new ArrayList<>();
    for (Account account : emu.accounts()) {
      List<Extension> mailboxes =
          emu.extensions(account.id()).stream()
              .filter(
                  e -> e.enabled() && List.of("101", "201", "102").contains(e.extensionNumber()))
              .toList();
      String jwt = emu.issueJwtCredential(account.id(), account.ownerExtensionId(), app.clientId());
      clinics.add(new Clinic(account, mailboxes, jwt));
    }
    return new Demo(app, List.copyOf(clinics));
  }

  /** Seeds the demo data into a running emulator. */
  public static Demo seed(RingCentralEmulator emu) {
    ClientApp app = emu.createApp(APP_NAME);
    List<Clinic> clinics = new ArrayList<>();
    for (String name : List.of("Sunrise Family Clinic", "Lakeside Pediatrics")) {
      Account account = emu.createAccount(name);
      Extension owner =
          emu.extensions(account.id()).stream()
              .filter(e -> e.id().equals(account.ownerExtensionId()))
              .findFirst()
              .orElseThrow();
      Extension fax = emu.createExtension(account.id(), ExtensionSpec.faxUser("Main Fax", "201"));
      Extension desk = emu.createExtension(account.id(), ExtensionSpec.user("Front Desk", "102"));
      emu.createExtension(account.id(), ExtensionSpec.department("Billing", "300"));
      emu.createExtension(account.id(), ExtensionSpec.user("Former Nurse", "103").disabled());
      String jwt = emu.issueJwtCredential(account.id(), owner.id(), app.clientId());
      clinics.add(new Clinic(account, List.of(owner, fax, desk), jwt));
    }
    return new Demo(app, List.copyOf(clinics));
  }
}
