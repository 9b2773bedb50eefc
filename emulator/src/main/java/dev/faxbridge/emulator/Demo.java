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

  /** Seeds the demo data into a running emulator. */
  public static Demo seed(RingCentralEmulator emu) {
    ClientApp app = emu.createApp("faxbridge-demo");
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
