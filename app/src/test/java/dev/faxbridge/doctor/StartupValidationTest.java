package dev.faxbridge.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faxbridge.FaxbridgeApplication;
import dev.faxbridge.platform.DatabaseSettings;
import dev.faxbridge.platform.EmbeddedDatabase;
import dev.faxbridge.testing.TestDatabase;
import dev.faxbridge.testing.TestKeyset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * faxbridge started with one wrong setting prints one block naming the setting, its value (secrets
 * masked) and the fix, no stack trace, and exits non-zero, before it starts a database or opens a
 * port. The first cases run faxbridge as an operator does, in a JVM of its own (exit code, whole
 * output); the others run the same start in this JVM, which is faster.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupValidationTest {

  @TempDir Path data;

  @Test
  void aKeysetThatIsNotOneIsNamedMaskedAndStopsStartup() throws Exception {
    String keyset = "{\"primaryKeyId\": 1, \"key\": []}";
    Run run = start(Map.of("faxbridge.secrets.keyset", keyset));

    run.assertStoppedWith(
        "faxbridge.secrets.keyset = (set, " + keyset.length() + " characters, hidden)",
        "keyset generate");
    assertThat(run.output).doesNotContain("primaryKeyId");
  }

  @Test
  void aMissingKeysetFileStopsStartupBeforeTheEmbeddedDatabaseStarts() throws Exception {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("faxbridge.secrets.keyset", "");
    settings.put("faxbridge.secrets.keyset-file", data.resolve("keyset.json").toString());
    settings.put("spring.datasource.url", "");
    settings.put("faxbridge.database.embedded.data-directory", data.resolve("pg").toString());
    Run run = start(settings);

    run.assertStoppedWith("faxbridge.secrets.keyset-file = " + data.resolve("keyset.json"));
    assertThat(data.resolve("pg")).doesNotExist();
  }

  @Test
  void anUnreachableDatabaseIsNamedBySpringDatasourceUrl() throws Exception {
    Run run =
        start(
            Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1:1/faxbridge?password=x"));

    run.assertStoppedWith(
        "spring.datasource.url = jdbc:postgresql://127.0.0.1:1/faxbridge?password=****",
        "PostgreSQL cannot be reached");
  }

  @Test
  void aDatabaseThatDoesNotExistIsNamed(CapturedOutput output) {
    String url = TestDatabase.newDatabaseUrl().replaceAll("/[^/?]+(\\?|$)", "/no_such_db$1");
    Run run = startInProcess(output, Map.of("spring.datasource.url", url));

    run.assertStoppedWith(
        "spring.datasource.url = " + url.replaceAll("password=[^&]*", "password=****"),
        "does not exist");
  }

  @Test
  void anotherNodesEmbeddedDatabaseIsRefused(CapturedOutput output) {
    try (EmbeddedDatabase otherNode =
        EmbeddedDatabase.start(
            new DatabaseSettings(data.resolve("other-node-pg"), 0, "faxbridge"),
            EmbeddedDatabase.Durability.NOT_DURABLE_FOR_TESTS)) {
      String url =
          otherNode.jdbcUrl()
              + "?user="
              + otherNode.username()
              + "&password="
              + otherNode.password();
      Run run = startInProcess(output, Map.of("spring.datasource.url", url));

      run.assertStoppedWith(
          "spring.datasource.url", "another faxbridge's embedded PostgreSQL", "external");
    }
  }

  @Test
  void aStagingDirectoryOpenToOtherUsersStopsStartup(CapturedOutput output) throws IOException {
    Path staging = Files.createDirectory(data.resolve("open-staging"));
    Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxrwxrwx"));
    Run run =
        startInProcess(output, Map.of("faxbridge.sync.staging-directory", staging.toString()));

    run.assertStoppedWith(
        "faxbridge.sync.staging-directory = " + staging, "chmod o-rwx " + staging);
  }

  @Test
  void aPublicUrlThatClinicsWouldOpenOverPlainHttpStopsStartup(CapturedOutput output) {
    Run run =
        startInProcess(output, Map.of("faxbridge.connect.public-url", "http://fax.example.com"));

    run.assertStoppedWith("faxbridge.connect.public-url = http://fax.example.com", "https");
  }

  @Test
  void aHalfConfiguredRingCentralAppStopsStartup(CapturedOutput output) {
    Run run = startInProcess(output, Map.of("faxbridge.ringcentral.client-id", "some-client-id"));

    run.assertStoppedWith(
        "faxbridge.ringcentral.client-secret = (not set)", "FAXBRIDGE_RINGCENTRAL_CLIENT_SECRET");
  }

  @Test
  void aValueOutsideItsRangeIsNamedWithItsValue(CapturedOutput output) {
    Run run = startInProcess(output, Map.of("faxbridge.sync.max-attempts", "0"));

    run.assertStoppedWith("faxbridge.sync.max-attempts", "was 0");
  }

  /** The output and exit code of a faxbridge JVM started with the test settings and these. */
  private Run start(Map<String, String> wrong) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(FaxbridgeApplication.class.getName());
    command.addAll(arguments(wrong));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(process.waitFor(), output);
  }

  /**
   * The same start in this JVM, for the cases that need no separate process: what main() would
   * throw (and the JVM turn into exit code 1), and the output.
   */
  private Run startInProcess(CapturedOutput output, Map<String, String> wrong) {
    assertThatThrownBy(
            () ->
                SpringApplication.run(
                    FaxbridgeApplication.class, arguments(wrong).toArray(String[]::new)))
        .isInstanceOf(WrongSetting.class);
    return new Run(1, output.getAll());
  }

  private List<String> arguments(Map<String, String> wrong) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spring.datasource.url", TestDatabase.newDatabaseUrl());
    settings.put("spring.datasource.username", "postgres");
    settings.put("server.port", "0");
    settings.put("db-scheduler.enabled", "false");
    settings.put("faxbridge.secrets.keyset", TestKeyset.JSON);
    settings.put("faxbridge.delivery.folder.root", data.resolve("inbox").toString());
    settings.put("faxbridge.sync.staging-directory", data.resolve("staging").toString());
    settings.putAll(wrong);
    return settings.entrySet().stream()
        .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
        .toList();
  }

  private record Run(int exitCode, String output) {

    void assertStoppedWith(String... phrases) {
      assertThat(exitCode).as(output).isNotZero();
      String block = output.substring(Math.max(0, output.indexOf("APPLICATION FAILED TO START")));
      assertThat(block).as(output).startsWith("APPLICATION FAILED TO START").contains(phrases);
      assertThat(block).contains("Action:");
      assertThat(output).doesNotContain("\tat ", "Exception in thread", "Tomcat started");
    }
  }
}
