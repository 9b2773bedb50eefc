package dev.faxbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.Emulators;
import dev.faxbridge.testing.FaxbridgeInstance;
import dev.faxbridge.testing.Operator;
import dev.faxbridge.testing.TestEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What faxbridge writes to disk by default is readable by its owner only. */
class PhiFilesAreOwnerOnlyTest {

  @RegisterExtension final Emulators emulators = Emulators.startedForEachTest();

  @Test
  void theDropFolderStagingAndAGeneratedKeysetAreOwnerOnly() throws Exception {
    TestEnvironment environment = emulators.environment();
    Path data = environment.dataDirectory();
    Map<String, Object> properties = environment.properties();
    properties.remove("faxbridge.secrets.keyset");
    properties.put("faxbridge.secrets.keyset-file", data.resolve("secrets/keyset.json"));
    properties.put("faxbridge.secrets.generate-if-missing", "true");
    Clinic clinic = environment.clinic("Riverside");
    clinic.receiveFax(0, 1);

    try (FaxbridgeInstance faxbridge = FaxbridgeInstance.start(properties)) {
      ConnectionId connection = Operator.connect(faxbridge, "riverside", clinic);
      assertThat(faxbridge.bean(SyncConnection.class).run(connection).delivered()).isEqualTo(1);
    }

    List<Path> delivered = tree(environment.inbox());
    assertThat(delivered).filteredOn(Files::isRegularFile).hasSize(2);
    for (Path path : delivered) {
      assertThat(mode(path))
          .as(path.toString())
          .isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------");
    }
    assertThat(mode(data.resolve("staging"))).isEqualTo("rwx------");
    assertThat(mode(data.resolve("secrets"))).isEqualTo("rwx------");
    assertThat(mode(data.resolve("secrets/keyset.json"))).isEqualTo("rw-------");
  }

  private static List<Path> tree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.toList();
    }
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
