package dev.faxbridge.demo;

import dev.faxbridge.testing.TestDatabase;
import dev.faxbridge.testing.TestKeyset;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What a faxbridge in demo mode runs with in these tests: a new database, files under one folder.
 */
final class DemoProperties {

  private DemoProperties() {}

  /** Demo mode with its state, drop folders and staging under {@code data}. */
  static Map<String, Object> under(Path data) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("faxbridge.demo.enabled", "true");
    properties.put("faxbridge.demo.state-directory", data.resolve("demo").toString());
    properties.put("spring.datasource.url", TestDatabase.newDatabaseUrl());
    properties.put("server.port", "0");
    properties.put("faxbridge.delivery.folder.root", data.resolve("inbox").toString());
    properties.put("faxbridge.sync.staging-directory", data.resolve("staging").toString());
    properties.put("faxbridge.secrets.keyset", TestKeyset.JSON);
    return properties;
  }
}
