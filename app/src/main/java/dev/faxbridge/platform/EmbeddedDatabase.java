package dev.faxbridge.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run by faxbridge itself, with a data directory that survives restarts.
 *
 * <p>Durable (fsync and synchronous commit on) unless a test asks otherwise; loopback TCP only, no
 * Unix socket; SCRAM passwords for every role, generated at {@code initdb} and kept owner-only in
 * the data directory ({@link DatabaseCredentials}). faxbridge connects as {@value #APP_ROLE}, a
 * role without superuser rights that owns its database and schema, so it cannot reach the server's
 * files or programs ({@code COPY ... TO PROGRAM} is refused).
 *
 * <p>One process owns a data directory at a time ({@link DataDirectoryOwner}). A server left
 * running by a JVM that is gone (kill -9) is stopped with a fast shutdown before starting; a server
 * whose owner is alive is never touched: a second faxbridge refuses to start, a maintenance command
 * {@linkplain #attachOrStart attaches} to it.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  /** Whether commits survive a power loss. Only tests choose {@link #NOT_DURABLE_FOR_TESTS}. */
  public enum Durability {
    DURABLE,
    NOT_DURABLE_FOR_TESTS
  }

  /** The role faxbridge connects as. */
  public static final String APP_ROLE = "faxbridge";

  /**
   * A setting of faxbridge's database inside an embedded server, {@code on}: a node whose {@code
   * spring.datasource.url} leads to such a database is pointed at another node's embedded server,
   * which stops with that node, and is refused at startup.
   */
  public static final String EMBEDDED_MARKER = "faxbridge.embedded_server";

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final String SUPERUSER = "postgres";

  private final EmbeddedPostgres postgres;
  private final DataDirectoryOwner owner;
  private final DatabaseCredentials credentials;
  private final int port;
  private final String databaseName;

  private EmbeddedDatabase(
      EmbeddedPostgres postgres,
      DataDirectoryOwner owner,
      DatabaseCredentials credentials,
      int port,
      String databaseName) {
    this.postgres = postgres;
    this.owner = owner;
    this.credentials = credentials;
    this.port = port;
    this.databaseName = databaseName;
  }

  /** Starts and owns the server, durable; refuses when a live process owns the directory. */
  public static EmbeddedDatabase start(DatabaseSettings settings) {
    return start(settings, Durability.DURABLE);
  }

  public static EmbeddedDatabase start(DatabaseSettings settings, Durability durability) {
    Path dataDirectory = settings.dataDirectory().toAbsolutePath().normalize();
    DataDirectoryOwner owner = DataDirectoryOwner.claim(dataDirectory);
    try {
      return startOwned(settings, durability, dataDirectory, owner);
    } catch (RuntimeException e) {
      owner.release();
      throw e;
    }
  }

  /**
   * For maintenance commands: the server of the live faxbridge that owns the directory, used
   * through its port and never stopped; or, with no live owner, a server started and owned as by
   * {@link #start(DatabaseSettings)}.
   */
  public static EmbeddedDatabase attachOrStart(DatabaseSettings settings) {
    Path dataDirectory = settings.dataDirectory().toAbsolutePath().normalize();
    return DataDirectoryOwner.runningServerPort(dataDirectory)
        .map(
            port -> {
              log.info(
                  "Using the embedded PostgreSQL of the running faxbridge (port {}) in {}",
                  port,
                  dataDirectory);
              return new EmbeddedDatabase(
                  null,
                  null,
                  DatabaseCredentials.read(dataDirectory),
                  port,
                  settings.databaseName());
            })
        .orElseGet(() -> start(settings));
  }

  private static EmbeddedDatabase startOwned(
      DatabaseSettings settings,
      Durability durability,
      Path dataDirectory,
      DataDirectoryOwner owner) {
    boolean fresh = !Files.exists(dataDirectory.resolve("postgresql.conf"));
    DatabaseCredentials credentials;
    Path superuserPasswordFile = null;
    try {
      if (fresh) {
        credentials = DatabaseCredentials.generate();
        superuserPasswordFile = credentials.superuserPasswordFile();
      } else {
        credentials = DatabaseCredentials.readForExistingCluster(dataDirectory);
      }
      int port = settings.port() == 0 ? freePort() : settings.port();
      boolean durable = durability == Durability.DURABLE;
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("unix_socket_directories", "")
              .setServerConfig("password_encryption", "scram-sha-256")
              .setServerConfig("max_connections", "200")
              // The library passes -F (fsync off) first; these settings come later and win.
              .setServerConfig("fsync", durable ? "on" : "off")
              .setServerConfig("synchronous_commit", durable ? "on" : "off")
              .setConnectConfig("password", credentials.superuserPassword())
              // Spring closes it after the scheduler and the data source; a JVM hook of its own
              // would stop it under syncs that are still finishing.
              .setRegisterShutdownHook(false)
              .setPGStartupWait(Duration.ofSeconds(60));
      if (fresh) {
        // Passed to initdb after the library's "-A trust": the later options win.
        builder
            .setLocaleConfig("auth-host", "scram-sha-256")
            .setLocaleConfig("auth-local", "scram-sha-256")
            .setLocaleConfig("pwfile", superuserPasswordFile.toString());
      }
      EmbeddedPostgres postgres = builder.start();
      if (fresh) {
        credentials.writeTo(dataDirectory);
      }
      owner.record(postgres.getPort());
      EmbeddedDatabase database =
          new EmbeddedDatabase(postgres, owner, credentials, port, settings.databaseName());
      database.createAppDatabaseIfMissing(settings.databaseName());
      log.info(
          "Embedded PostgreSQL is running on 127.0.0.1:{} with data in {}{}",
          port,
          dataDirectory,
          durable ? "" : " (NOT durable: fsync and synchronous commit off, for tests)");
      return database;
    } catch (IOException | SQLException e) {
      throw new IllegalStateException(
          "Could not start the embedded PostgreSQL server in "
              + dataDirectory
              + ": "
              + e.getMessage()
              + ". Check that the directory is writable, or set spring.datasource.url to use an"
              + " external PostgreSQL server.",
          e);
    } finally {
      if (superuserPasswordFile != null) {
        try {
          Files.deleteIfExists(superuserPasswordFile);
        } catch (IOException e) {
          log.warn("Could not delete the temporary password file {}", superuserPasswordFile);
        }
      }
    }
  }

  /** The JDBC URL of faxbridge's database (loopback, no credentials in it). */
  public String jdbcUrl() {
    return url(databaseName);
  }

  public String username() {
    return APP_ROLE;
  }

  public String password() {
    return credentials.appPassword();
  }

  public int port() {
    return port;
  }

  /**
   * Creates another empty database owned by {@value #APP_ROLE}; its JDBC URL with the role's
   * credentials in it. Tests use one per application context.
   */
  public String createDatabase(String name) {
    try (Connection connection = superuser("postgres");
        Statement statement = connection.createStatement()) {
      statement.execute("create database " + name + " owner " + APP_ROLE);
      return url(name) + "?user=" + APP_ROLE + "&password=" + credentials.appPassword();
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create database " + name, e);
    }
  }

  /** A superuser connection, for the operations of this class and for tests of the server. */
  public Connection superuser(String database) throws SQLException {
    return DriverManager.getConnection(url(database), SUPERUSER, credentials.superuserPassword());
  }

  private String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  private void createAppDatabaseIfMissing(String name) throws SQLException {
    try (Connection connection = superuser("postgres")) {
      try (PreparedStatement role =
          connection.prepareStatement("select 1 from pg_roles where rolname = ?")) {
        role.setString(1, APP_ROLE);
        if (!role.executeQuery().next()) {
          try (Statement create = connection.createStatement()) {
            create.execute(
                "create role "
                    + APP_ROLE
                    + " login nosuperuser nocreatedb nocreaterole password '"
                    + credentials.appPassword()
                    + "'");
          }
        }
      }
      if (name.equals("postgres")) {
        return;
      }
      try (PreparedStatement database =
          connection.prepareStatement("select 1 from pg_database where datname = ?")) {
        database.setString(1, name);
        if (!database.executeQuery().next()) {
          try (Statement create = connection.createStatement()) {
            create.execute("create database " + name + " owner " + APP_ROLE);
          }
        }
      }
      try (Statement mark = connection.createStatement()) {
        mark.execute("alter database " + name + " set " + EMBEDDED_MARKER + " = 'on'");
      }
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Stops an owned server with a fast shutdown and gives up the directory; leaves others alone. */
  @Override
  public void close() {
    if (postgres == null) {
      return;
    }
    try {
      postgres.close();
    } catch (IOException e) {
      log.warn("The embedded PostgreSQL server did not stop cleanly: {}", e.getMessage());
    } finally {
      owner.release();
    }
  }
}
