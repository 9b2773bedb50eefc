package dev.faxbridge.testing;

import dev.faxbridge.emulator.ClientApp;
import dev.faxbridge.emulator.RingCentralEmulator;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What a test's faxbridge runs against: an emulator with faxbridge's app registered, a database of
 * its own, and a data directory for delivered and staged files.
 */
public record TestEnvironment(
    RingCentralEmulator emulator, ClientApp app, String databaseUrl, Path dataDirectory) {

  public static TestEnvironment create(RingCentralEmulator emulator, Path dataDirectory) {
    return new TestEnvironment(
        emulator, emulator.createApp("faxbridge"), TestDatabase.newDatabaseUrl(), dataDirectory);
  }

  /** A clinic's account on this environment's emulator, with a JWT for faxbridge's app. */
  public Clinic clinic(String name) {
    return Clinic.create(emulator, app.clientId(), name);
  }

  public Path inbox() {
    return dataDirectory.resolve("inbox");
  }

  /** Properties for a faxbridge that syncs only when a test asks it to. */
  public Map<String, Object> properties() {
    Map<String, Object> properties = new HashMap<>();
    properties.put("spring.datasource.url", databaseUrl);
    properties.put("server.port", "0");
    properties.put("db-scheduler.enabled", "false");
    properties.put("faxbridge.ringcentral.client-id", app.clientId());
    properties.put("faxbridge.ringcentral.client-secret", app.clientSecret());
    properties.put("faxbridge.ringcentral.server-url", emulator.platformUrl().toString());
    properties.put("faxbridge.ringcentral.media-urls", emulator.mediaUrl().toString());
    properties.put("faxbridge.delivery.folder.root", inbox().toString());
    properties.put("faxbridge.sync.staging-directory", dataDirectory.resolve("staging").toString());
    properties.put("faxbridge.secrets.keyset", TestKeyset.JSON);
    properties.put("faxbridge.operator.api-token", FaxbridgeInstance.OPERATOR_TOKEN);
    return properties;
  }

  public FaxbridgeInstance startFaxbridge() {
    return FaxbridgeInstance.start(properties());
  }
}
