package dev.faxbridge.platform;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the embedded PostgreSQL server keeps its data. Used only when {@code spring.datasource.url}
 * is empty; with a URL, faxbridge uses that server and starts nothing.
 *
 * @param dataDirectory the cluster's data directory; it survives restarts
 * @param port the port to listen on (loopback only); 0 picks a free one at every start
 * @param databaseName the database faxbridge creates and uses inside the embedded cluster
 */
@ConfigurationProperties("faxbridge.database.embedded")
public record DatabaseSettings(
    @DefaultValue("./data/postgres") Path dataDirectory,
    @DefaultValue("0") int port,
    @DefaultValue("faxbridge") String databaseName) {

  /**
   * Set by maintenance commands only (see {@code FaxbridgeApplication}): use the server of a
   * faxbridge running on the same data directory instead of refusing to start beside it.
   */
  public static final String ATTACH_TO_RUNNING = "faxbridge.maintenance.attach-to-running-database";

  public DatabaseSettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "faxbridge.database.embedded.port must be between 0 and 65535, was " + port);
    }
    if (!databaseName.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException(
          "faxbridge.database.embedded.database-name must be a lower-case SQL identifier, was '"
              + databaseName
              + "'");
    }
  }
}
