package dev.faxbridge.testing;

import dev.faxbridge.platform.DatabaseSettings;
import dev.faxbridge.platform.EmbeddedDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL server per test JVM, locked like faxbridge's own but not durable (fsync
 * and synchronous commit off: a test's data need not survive a power loss); every caller gets a
 * database of its own in it, owned by faxbridge's role, so tests never see each other's rows.
 */
public final class TestDatabase {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedDatabase server;

  private TestDatabase() {}

  /** A new, empty database; its JDBC URL, with the user and password of faxbridge's role. */
  public static synchronized String newDatabaseUrl() {
    return server().createDatabase("test_" + COUNTER.incrementAndGet());
  }

  /** The shared server, for tests of the server itself. */
  public static synchronized EmbeddedDatabase server() {
    if (server == null) {
      try {
        server =
            EmbeddedDatabase.start(
                new DatabaseSettings(Files.createTempDirectory("faxbridge-test-pg"), 0, "postgres"),
                EmbeddedDatabase.Durability.NOT_DURABLE_FOR_TESTS);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    }
    return server;
  }
}
