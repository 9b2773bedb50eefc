package dev.faxbridge.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server a user gets by default: durable, reachable with its password only, over
 * loopback only, used through a role that cannot reach the server's files or programs, and owned by
 * one process.
 */
class EmbeddedDatabaseTest {

  @TempDir Path data;

  @Test
  void aDefaultServerIsDurableLockedAndLoopbackOnly() throws Exception {
    try (EmbeddedDatabase database = EmbeddedDatabase.start(settings())) {
      try (Connection app =
          DriverManager.getConnection(
              database.jdbcUrl(), database.username(), database.password())) {
        assertThat(show(app, "fsync")).isEqualTo("on");
        assertThat(show(app, "synchronous_commit")).isEqualTo("on");
        assertThat(show(app, "listen_addresses")).isEqualTo("127.0.0.1");
        assertThat(query(app, "select rolsuper::text from pg_roles where rolname = current_user"))
            .isEqualTo("false");
        assertThat(query(app, "select has_database_privilege(current_database(), 'CREATE')::text"))
            .isEqualTo("true");
        assertThatThrownBy(() -> query(app, "copy (select 1) to program 'id'"))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("pg_execute_server_program");
      }
      try (Connection superuser = database.superuser("postgres")) {
        assertThat(show(superuser, "unix_socket_directories")).isEmpty();
      }
      for (String user : new String[] {"postgres", EmbeddedDatabase.APP_ROLE}) {
        assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), user, ""))
            .as(user + " without a password")
            .isInstanceOf(SQLException.class);
        assertThatThrownBy(
                () -> DriverManager.getConnection(database.jdbcUrl(), user, "a wrong password"))
            .as(user + " with a wrong password")
            .hasMessageContaining("password authentication failed");
      }
      Path passwords = data.resolve("pg").resolve(DatabaseCredentials.FILE);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwords)))
          .isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("pg"))))
          .isEqualTo("rwx------");
    }
  }

  @Test
  void aRestartedServerKeepsItsDataAndPasswords() throws Exception {
    try (EmbeddedDatabase first = EmbeddedDatabase.start(settings());
        Connection app =
            DriverManager.getConnection(first.jdbcUrl(), first.username(), first.password())) {
      app.createStatement().execute("create table kept (id int)");
    }
    try (EmbeddedDatabase second = EmbeddedDatabase.start(settings());
        Connection app =
            DriverManager.getConnection(second.jdbcUrl(), second.username(), second.password())) {
      assertThat(query(app, "select count(*)::text from kept")).isEqualTo("0");
    }
  }

  @Test
  void aSecondProcessNeverStopsTheServerOfALiveOwner() throws Exception {
    try (EmbeddedDatabase live = EmbeddedDatabase.start(settings())) {
      assertThatThrownBy(() -> EmbeddedDatabase.start(settings()))
          .hasMessageContaining("Another faxbridge")
          .hasMessageContaining("pid=" + ProcessHandle.current().pid())
          .hasMessageContaining("several nodes need an external PostgreSQL");

      try (EmbeddedDatabase attached = EmbeddedDatabase.attachOrStart(settings())) {
        assertThat(attached.port()).isEqualTo(live.port());
      }
      try (Connection app =
          DriverManager.getConnection(live.jdbcUrl(), live.username(), live.password())) {
        assertThat(query(app, "select 1::text")).isEqualTo("1");
      }
    }
  }

  private DatabaseSettings settings() {
    return new DatabaseSettings(data.resolve("pg"), 0, "faxbridge");
  }

  private static String show(Connection connection, String setting) throws SQLException {
    return query(connection, "show " + setting);
  }

  private static String query(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getString(1);
    }
  }
}
