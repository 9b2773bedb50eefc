package dev.faxbridge.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.testing.Emulators;
import dev.faxbridge.testing.FaxbridgeInstance;
import dev.faxbridge.testing.TestDatabase;
import dev.faxbridge.testing.TestEnvironment;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Without its database faxbridge is not ready, but alive: nothing restarts it for an outage. */
class ReadinessTest {

  @RegisterExtension final Emulators emulators = Emulators.startedForEachTest();

  @Test
  void readinessGoesDownWhileTheDatabaseIsUnreachableAndLivenessStaysUp() throws Exception {
    TestEnvironment environment = emulators.environment();
    Map<String, Object> properties = environment.properties();
    properties.put("spring.datasource.hikari.connection-timeout", "1000");
    String database = environment.databaseUrl().replaceAll(".*/([a-z0-9_]+)\\?.*", "$1");
    try (FaxbridgeInstance faxbridge = FaxbridgeInstance.start(properties)) {
      assertThat(probe(faxbridge, "readiness")).isEqualTo(200);

      cutOff(database, true);
      assertThat(probe(faxbridge, "readiness")).isEqualTo(503);
      assertThat(probe(faxbridge, "liveness")).isEqualTo(200);

      cutOff(database, false);
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> probe(faxbridge, "readiness") == 200);
    }
  }

  private static int probe(FaxbridgeInstance faxbridge, String group) {
    return faxbridge.api("GET", "/actuator/health/" + group, null).statusCode();
  }

  /** Refuses new connections to the database and ends the open ones, or lets them in again. */
  private static void cutOff(String database, boolean off) throws SQLException {
    try (Connection superuser = TestDatabase.server().superuser("postgres")) {
      superuser
          .createStatement()
          .execute("alter database " + database + " allow_connections " + !off);
      if (off) {
        superuser
            .createStatement()
            .execute(
                "select pg_terminate_backend(pid) from pg_stat_activity where datname = '"
                    + database
                    + "'");
      }
    }
  }
}
