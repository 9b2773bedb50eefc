package dev.faxbridge.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The benchmark's PostgreSQL server, one database per faxbridge process, so each run starts from an
 * empty schema. Runs beside faxbridge, as an external server would; its CPU is not faxbridge's. Not
 * durable, stated here and in docs/benchmarks.md: fsync and synchronous commit are off (as
 * faxbridge's own test database, unlike its default embedded server), so the figures leave out the
 * commit latency of a durable server.
 */
final class Postgres implements AutoCloseable {

  private final EmbeddedPostgres server;

  private Postgres(EmbeddedPostgres server) {
    this.server = server;
  }

  static Postgres start(Path dataDirectory) {
    try {
      return new Postgres(
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(true)
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("max_connections", "200")
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .setPGStartupWait(Duration.ofSeconds(60))
              .start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the benchmark's PostgreSQL", e);
    }
  }

  /** Creates an empty database; answers its JDBC URL (user {@code postgres}, no password). */
  String createDatabase(String name) {
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return server.getJdbcUrl("postgres", name);
  }

  static Connection connect(String jdbcUrl) {
    try {
      return DriverManager.getConnection(jdbcUrl, "postgres", "");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot connect to " + jdbcUrl, e);
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
