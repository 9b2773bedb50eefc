package dev.faxbridge.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run by faxbridge itself, with a data directory that survives restarts.
 *
 * <p>The server runs as a child process. When the JVM is killed without a chance to stop it (kill
 * -9), the old postmaster keeps the data directory locked; {@link #start} finds it through {@code
 * postmaster.pid} and stops it before starting a new one, so a hard restart needs no hand work.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(30);

  private final EmbeddedPostgres postgres;
  private final String databaseName;

  private EmbeddedDatabase(EmbeddedPostgres postgres, String databaseName) {
    this.postgres = postgres;
    this.databaseName = databaseName;
  }

  public static EmbeddedDatabase start(DatabaseSettings settings) {
    Path dataDirectory = settings.dataDirectory().toAbsolutePath().normalize();
    try {
      Files.createDirectories(dataDirectory);
      stopOrphanedServer(dataDirectory);
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setPort(settings.port() == 0 ? freePort() : settings.port())
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("max_connections", "200")
              .setPGStartupWait(Duration.ofSeconds(60))
              // Spring closes it after the scheduler and the data source; a JVM hook of its own
              // would stop it under syncs that are still finishing.
              .setRegisterShutdownHook(false)
              .start();
      EmbeddedDatabase database = new EmbeddedDatabase(postgres, settings.databaseName());
      database.createDatabaseIfMissing();
      log.info(
          "Embedded PostgreSQL is running on port {} with data in {}",
          postgres.getPort(),
          dataDirectory);
      return database;
    } catch (IOException | SQLException e) {
      throw new IllegalStateException(
          "Could not start the embedded PostgreSQL server in "
              + dataDirectory
              + ": "
              + e.getMessage()
              + ". Check that the directory is writable and not used by another faxbridge, or set"
              + " spring.datasource.url to use an external PostgreSQL server.",
          e);
    }
  }

  public String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", databaseName);
  }

  public String username() {
    return "postgres";
  }

  public int port() {
    return postgres.getPort();
  }

  /** Creates another empty database in the same cluster; tests use one per application context. */
  public String createDatabase(String name) {
    try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
      connection.createStatement().execute("create database " + name);
      return postgres.getJdbcUrl("postgres", name);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create database " + name, e);
    }
  }

  private void createDatabaseIfMissing() throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
      var statement = connection.prepareStatement("select 1 from pg_database where datname = ?");
      statement.setString(1, databaseName);
      if (!statement.executeQuery().next()) {
        connection.createStatement().execute("create database " + databaseName);
      }
    }
  }

  private static void stopOrphanedServer(Path dataDirectory) throws IOException {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile);
    Optional<ProcessHandle> orphan =
        lines.isEmpty() ? Optional.empty() : ProcessHandle.of(parsePid(lines.get(0)));
    if (orphan.isEmpty() || !orphan.get().isAlive() || !isPostgres(orphan.get())) {
      return;
    }
    log.warn(
        "A PostgreSQL server left running by an earlier faxbridge (pid {}) holds {}; stopping it",
        orphan.get().pid(),
        dataDirectory);
    orphan.get().destroy();
    try {
      orphan
          .get()
          .onExit()
          .get(ORPHAN_STOP_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (Exception timeout) {
      orphan.get().destroyForcibly();
    }
  }

  private static long parsePid(String line) {
    try {
      return Long.parseLong(line.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean isPostgres(ProcessHandle process) {
    return process.info().command().map(command -> command.contains("postgres")).orElse(false);
  }

  private static int freePort() throws IOException {
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      log.warn("The embedded PostgreSQL server did not stop cleanly: {}", e.getMessage());
    }
  }
}
