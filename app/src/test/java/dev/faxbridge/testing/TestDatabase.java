package dev.faxbridge.testing;

import dev.faxbridge.platform.DatabaseSettings;
import dev.faxbridge.platform.EmbeddedDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL server per test JVM; every caller gets a database of its own in it, so
 * tests never see each other's rows.
 */
public final class TestDatabase {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedDatabase server;

  private TestDatabase() {}

  /** A new, empty database; its JDBC URL. */
  public static synchronized String newDatabaseUrl() {
    if (server == null) {
      try {
        server =
            EmbeddedDatabase.start(
                new DatabaseSettings(
                    Files.createTempDirectory("faxbridge-test-pg"), 0, "postgres"));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    }
    return server.createDatabase("test_" + COUNTER.incrementAndGet());
  }
}
