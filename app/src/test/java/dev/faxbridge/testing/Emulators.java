package dev.faxbridge.testing;

import dev.faxbridge.emulator.RingCentralEmulator;
import dev.faxbridge.emulator.faxage.FaxageEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
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
 * moving that clock moves both. A test that moves the clock, injects faults or reads the request
 * log of the whole run takes a fresh emulator of its own with {@link #startedForEachTest()},
 * registered on an instance field.
 *
 * <p>{@link #environment()} is the test's own {@link TestEnvironment} on the RingCentral emulator:
 * a database and a {@link #dataDirectory()} made at their first use in a test and dropped after
 * that test.
 */
public final class Emulators
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  private final boolean withFaxage;
  private final boolean forEachTest;
  private RingCentralEmulator ringCentral;
  private FaxageEmulator faxage;
  private Path dataDirectory;
  private TestEnvironment environment;

  private Emulators(boolean withFaxage, boolean forEachTest) {
    this.withFaxage = withFaxage;
    this.forEachTest = forEachTest;
  }

  /** The RingCentral emulator alone, shared by the tests of a class. */
  public static Emulators started() {
    return new Emulators(false, false);
  }

  /**
   * The RingCentral emulator and a Faxage emulator on its clock, shared by the tests of a class.
   */
  public static Emulators startedWithFaxage() {
    return new Emulators(true, false);
  }

  /** A RingCentral emulator started before each test and closed after it. */
  public static Emulators startedForEachTest() {
    return new Emulators(false, true);
  }

  public RingCentralEmulator ringCentral() {
    if (ringCentral == null) {
      throw new IllegalStateException(
          forEachTest
              ? "register Emulators.startedForEachTest() with @RegisterExtension on a field"
              : "register Emulators with @RegisterExtension on a static field");
    }
    return ringCentral;
  }

  public FaxageEmulator faxage() {
    if (faxage == null) {
      throw new IllegalStateException("Emulators.startedWithFaxage() starts a Faxage emulator");
    }
    return faxage;
  }

  /** The running test's environment on {@link #ringCentral()}, made at the first call. */
  public TestEnvironment environment() {
    if (environment == null) {
      environment = TestEnvironment.create(ringCentral(), dataDirectory());
    }
    return environment;
  }

  /** The running test's own data directory, made at the first call and deleted after the test. */
  public Path dataDirectory() {
    if (dataDirectory == null) {
      try {
        dataDirectory = Files.createTempDirectory("faxbridge-test-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dataDirectory;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (!forEachTest) {
      start();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (forEachTest) {
      start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    try {
      if (forEachTest) {
        close();
      }
    } finally {
      dropEnvironment();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (!forEachTest) {
      close();
    }
  }

  private void start() {
    ringCentral = RingCentralEmulator.builder().start();
    if (withFaxage) {
      faxage = FaxageEmulator.builder().clock(ringCentral.clock()).start();
    }
  }

  private void close() {
    if (faxage != null) {
      faxage.close();
      faxage = null;
    }
    if (ringCentral != null) {
      ringCentral.close();
      ringCentral = null;
    }
  }

  private void dropEnvironment() throws IOException {
    environment = null;
    if (dataDirectory == null) {
      return;
    }
    Path directory = dataDirectory;
    dataDirectory = null;
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
