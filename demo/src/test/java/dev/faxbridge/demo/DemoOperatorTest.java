package dev.faxbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.testing.FaxbridgeInstance;
import dev.faxbridge.testing.TestDatabase;
import dev.faxbridge.testing.TestKeyset;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A newcomer calls the operator API of the demo with what it printed, configuring nothing. */
@ExtendWith(OutputCaptureExtension.class)
class DemoOperatorTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path data;

  @Test
  void demoModePrintsTheOperatorCredentialsItGenerated(CapturedOutput output) throws Exception {
    Map<String, Object> properties = new HashMap<>();
    properties.put("faxbridge.demo.enabled", "true");
    properties.put("faxbridge.demo.state-directory", data.resolve("demo").toString());
    properties.put("spring.datasource.url", TestDatabase.newDatabaseUrl());
    properties.put("spring.datasource.username", "postgres");
    properties.put("server.port", "0");
    properties.put("faxbridge.delivery.folder.root", data.resolve("inbox").toString());
    properties.put("faxbridge.sync.staging-directory", data.resolve("staging").toString());
    properties.put("faxbridge.secrets.keyset", TestKeyset.JSON);
    try (FaxbridgeInstance demo = FaxbridgeInstance.start(properties)) {
      Matcher password = Pattern.compile("password:\\s+(\\S+)").matcher(output.getOut());
      Matcher token = Pattern.compile("API token:\\s+(\\S+)").matcher(output.getOut());
      assertThat(password.find()).isTrue();
      assertThat(token.find()).isTrue();

      assertThat(get(demo, "Bearer " + token.group(1))).isEqualTo(200);
      assertThat(get(demo, basic("demo", password.group(1)))).isEqualTo(200);
      assertThat(get(demo, null)).isEqualTo(401);
    }
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private int get(FaxbridgeInstance faxbridge, String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(faxbridge.baseUrl() + "/api/tenants"));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
