package dev.faxbridge.emulator;

import dev.faxbridge.emulator.faxage.FaxageEmulatorMain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * Runs the emulator on its own with demo data until killed.
 *
 * <pre>
 * java -jar faxbridge-emulator-*-exec.jar [--port 8090] [--media-port 8091] [--fax-every PT30S]
 *     [--state ./data/emulator]
 * java -jar faxbridge-emulator-*-exec.jar faxage [options of FaxageEmulatorMain]
 * </pre>
 *
 * Prints the app's client id and secret and each clinic's JWT: this is a local test double, and a
 * developer needs them to point a client at it.
 */
public final class EmulatorMain {

  private EmulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length > 0 && args[0].equals("faxage")) {
      FaxageEmulatorMain.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    int port = 8090;
    int mediaPort = 8091;
    Duration faxEvery = Duration.ZERO;
    Path state = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--media-port" -> mediaPort = Integer.parseInt(args[++i]);
        case "--fax-every" -> faxEvery = Duration.parse(args[++i]);
        case "--state" -> state = Path.of(args[++i]);
        default -> {
          System.err.println(
              "usage: EmulatorMain [--port N] [--media-port N] [--fax-every PT30S] [--state DIR]");
          System.exit(2);
        }
      }
    }
    RingCentralEmulator.Builder builder =
        RingCentralEmulator.builder().port(port).mediaPort(mediaPort);
    if (state != null) {
      builder.stateDirectory(state);
    }
    RingCentralEmulator emu = builder.start();
    Demo demo = Demo.seedOrReuse(emu);
    StringBuilder out = new StringBuilder();
    out.append("RingCentral emulator running\n");
    out.append("  platform URL : ").append(emu.platformUrl()).append('\n');
    out.append("  media URL    : ").append(emu.mediaUrl()).append('\n');
    out.append("  client id    : ").append(demo.app().clientId()).append('\n');
    out.append("  client secret: ").append(demo.app().clientSecret()).append('\n');
    for (Demo.Clinic clinic : demo.clinics()) {
      out.append("  clinic ").append(clinic.account().name());
      out.append(" (account ").append(clinic.account().id()).append(")\n");
      for (Extension e : clinic.faxMailboxes()) {
        out.append("    mailbox ").append(e.extensionNumber()).append(' ').append(e.name());
        out.append(" id ").append(e.id()).append('\n');
      }
      out.append("    JWT: ").append(clinic.jwt()).append('\n');
    }
    out.append("  control API  : ").append(emu.platformUrl()).append("/control/state\n");
    System.out.print(out);
    DemoRun.untilKilled(
        faxEvery,
        n -> {
          Demo.Clinic clinic = demo.clinics().get((int) (n % demo.clinics().size()));
          Extension mailbox = clinic.faxMailboxes().get((int) (n % 2));
          emu.deliverFax(
              clinic.account().id(),
              mailbox.id(),
              InboundFaxSpec.of(DemoRun.sender(n), "+15559870001", (int) (n % 4) + 1));
        },
        emu::close);
  }
}
