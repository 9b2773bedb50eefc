package dev.faxbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.connection.ConnectionStatus;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.RingCentralSignIn;
import dev.faxbridge.console.ConsoleBrowserSession;
import dev.faxbridge.emulator.Account;
import dev.faxbridge.emulator.RingCentralEmulator;
import dev.faxbridge.tenant.Tenants;
import dev.faxbridge.testing.FaxbridgeInstance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.json.JsonMapper;

/**
 * A newcomer uses the demo with what it printed, configuring nothing: one operator account whose
 * password opens the console (and the API with HTTP Basic) and whose token opens the API, the
 * console's address, and a connect link that comes back from the emulator's sign-in to the address
 * faxbridge listens on.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoOperatorTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path data;

  @Test
  void demoModePrintsOneSetOfOperatorCredentialsTheConsoleAddressAndTheSameSetAfterARestart(
      CapturedOutput output) throws Exception {
    Map<String, Object> properties = demoProperties();
    String password;
    String token;
    try (FaxbridgeInstance demo = FaxbridgeInstance.start(properties)) {
      String printed = output.getOut();
      password = printed("password:\\s+(\\S+)", printed);
      token = printed("API token:\\s+(\\S+)", printed);
      assertThat(printed("Operator console:\\s+(\\S+)", printed))
          .isEqualTo(demo.baseUrl() + "/console");
      assertThat(Pattern.compile("Bearer [A-Za-z0-9_-]{20,}").matcher(printed).results().count())
          .as("one token printed, in the one example")
          .isEqualTo(1);
      assertThat(output.getAll().split("password:")).as("one password printed").hasSize(2);

      assertThat(get(demo, "Bearer " + token)).isEqualTo(200);
      assertThat(get(demo, basic("demo", password))).isEqualTo(200);
      assertThat(get(demo, null)).isEqualTo(401);
      ConsoleBrowserSession console = new ConsoleBrowserSession(demo.baseUrl());
      assertThat(console.signIn("demo", password).headers().firstValue("Location").orElseThrow())
          .endsWith("/console/clinics");
      assertThat(console.get("/console/clinics").body()).contains("Riverside Family Practice");
    }
    int before = output.getOut().length();

    try (FaxbridgeInstance again = FaxbridgeInstance.start(properties)) {
      String printedAgain = output.getOut().substring(before);
      assertThat(printed("password:\\s+(\\S+)", printedAgain)).isEqualTo(password);
      assertThat(printed("API token:\\s+(\\S+)", printedAgain)).isEqualTo(token);
      assertThat(get(again, "Bearer " + token)).isEqualTo(200);
    }
  }

  @Test
  void aConnectLinkOfTheDemoComesBackFromTheEmulatorsSignInAndConnects(CapturedOutput output)
      throws Exception {
    try (FaxbridgeInstance demo = FaxbridgeInstance.start(demoProperties())) {
      String token = printed("API token:\\s+(\\S+)", output.getOut());
      JsonMapper json = JsonMapper.builder().build();
      String tenant =
          json.readTree(
                  call(
                      demo, token, "/api/tenants", "{\"slug\":\"oakridge\",\"name\":\"Oakridge\"}"))
              .get("id")
              .asString();
      URI link =
          URI.create(
              json.readTree(call(demo, token, "/api/tenants/" + tenant + "/connect-links", "{}"))
                  .get("url")
                  .asString());
      assertThat(link.toString()).startsWith(demo.baseUrl() + "/connect/");
      Account account = demo.bean(RingCentralEmulator.class).createAccount("Oakridge");

      HttpResponse<String> outcome = new RingCentralSignIn().authorize(link, account.id(), "101");

      assertThat(outcome.statusCode()).as(outcome.body()).isEqualTo(200);
      assertThat(outcome.body()).contains("All set");
      var oakridge = demo.bean(Tenants.class).findBySlug("oakridge").orElseThrow().id();
      assertThat(demo.bean(Connections.class).forTenant(oakridge))
          .singleElement()
          .extracting(connection -> connection.status())
          .isEqualTo(ConnectionStatus.ACTIVE);
    }
  }

  private Map<String, Object> demoProperties() {
    Map<String, Object> properties = DemoProperties.under(data);
    properties.put("spring.datasource.username", "postgres");
    return properties;
  }

  private static String printed(String pattern, String output) {
    Matcher matcher = Pattern.compile(pattern).matcher(output);
    assertThat(matcher.find()).as(pattern + " in " + output).isTrue();
    return matcher.group(1);
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private String call(FaxbridgeInstance faxbridge, String token, String path, String body)
      throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(faxbridge.baseUrl() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    return answer.body();
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
