package dev.faxbridge.emulator.faxage;

import dev.faxbridge.emulator.DemoRun;
import dev.faxbridge.emulator.InboundFaxSpec;
import java.time.Duration;
import java.util.List;

/**
 * Runs the Faxage emulator on its own with two demo companies until killed.
 *
 * <pre>
 * java -jar faxbridge-emulator-*-exec.jar faxage [--port 8092] [--fax-every PT30S]
 *     [--list-layout TIME_SPLIT|CSID_THIRD]
 * </pre>
 *
 * Prints each demo login with its password: this is a local test double, and a developer needs them
 * to point a client at it.
 */
public final class FaxageEmulatorMain {

  /** The demo logins: company, username, password. */
  static final List<FaxageAccount> DEMO =
      List.of(
          new FaxageAccount("40001", "birch-clinic", "birch-password"),
          new FaxageAccount("40002", "cedar-clinic", "cedar-password"));

  private FaxageEmulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    int port = 8092;
    Duration faxEvery = Duration.ZERO;
    ListLayout layout = ListLayout.TIME_SPLIT;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--fax-every" -> faxEvery = Duration.parse(args[++i]);
        case "--list-layout" -> layout = ListLayout.valueOf(args[++i]);
        default -> {
          System.err.println(
              "usage: faxage [--port N] [--fax-every PT30S] [--list-layout TIME_SPLIT|CSID_THIRD]");
          System.exit(2);
        }
      }
    }
    FaxageEmulator emu = FaxageEmulator.builder().port(port).listLayout(layout).start();
    StringBuilder out = new StringBuilder("Faxage emulator running\n");
    out.append("  endpoint    : ").append(emu.endpointUrl()).append('\n');
    for (FaxageAccount demo : DEMO) {
      emu.createAccount(demo.company(), demo.username(), demo.password());
      out.append("  company ").append(demo.company());
      out.append(" username ").append(demo.username());
      out.append(" password ").append(demo.password()).append('\n');
    }
    out.append("  control API : ").append(emu.baseUrl()).append("/control/state\n");
    System.out.print(out);
    DemoRun.untilKilled(
        faxEvery,
        n ->
            emu.deliverFax(
                DEMO.get((int) (n % DEMO.size())).company(),
                InboundFaxSpec.of(DemoRun.sender(n), "+15559870002", (int) (n % 4) + 1)
                    .senderName("DEMO FAX " + n)),
        emu::close);
  }
}
