package dev.faxbridge.testing;

import dev.faxbridge.emulator.RingCentralEmulator;
import dev.faxbridge.emulator.faxage.FaxageEmulator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The emulators a test class shares: started before its first test, closed after its last.
 *
 * <pre>{@code
 * @RegisterExtension static final Emulators EMULATORS = Emulators.started();
 * ... EMULATORS.ringCentral().deliverFax(...)
 * }</pre>
 *
 * {@link #startedWithFaxage()} adds a Faxage emulator on the RingCentral emulator's clock, so that
 * moving that clock moves both.
 */
public final class Emulators implements BeforeAllCallback, AfterAllCallback {

  private final boolean withFaxage;
  private RingCentralEmulator ringCentral;
  private FaxageEmulator faxage;

  private Emulators(boolean withFaxage) {
    this.withFaxage = withFaxage;
  }

  /** The RingCentral emulator alone. */
  public static Emulators started() {
    return new Emulators(false);
  }

  /** The RingCentral emulator and a Faxage emulator on its clock. */
  public static Emulators startedWithFaxage() {
    return new Emulators(true);
  }

  public RingCentralEmulator ringCentral() {
    if (ringCentral == null) {
      throw new IllegalStateException(
          "register Emulators with @RegisterExtension on a static field");
    }
    return ringCentral;
  }

  public FaxageEmulator faxage() {
    if (faxage == null) {
      throw new IllegalStateException("Emulators.startedWithFaxage() starts a Faxage emulator");
    }
    return faxage;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    ringCentral = RingCentralEmulator.builder().start();
    if (withFaxage) {
      faxage = FaxageEmulator.builder().clock(ringCentral.clock()).start();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (faxage != null) {
      faxage.close();
      faxage = null;
    }
    if (ringCentral != null) {
      ringCentral.close();
      ringCentral = null;
    }
  }
}
