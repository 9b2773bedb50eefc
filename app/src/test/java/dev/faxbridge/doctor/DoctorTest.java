package dev.faxbridge.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.connection.TestBed;
import dev.faxbridge.emulator.AppSpec;
import dev.faxbridge.emulator.AppSpec.Grant;
import dev.faxbridge.emulator.ClientApp;
import dev.faxbridge.testing.Emulators;
import dev.faxbridge.testing.FaxbridgeInstance;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code faxbridge doctor} against the emulator: what a healthy set-up and each wrong app show. */
class DoctorTest {

  @RegisterExtension static final Emulators EMULATORS = Emulators.started();

  @Test
  void aHealthySetUpPassesEveryCheckIncludingItsConnection() {
    TestBed bed = TestBed.create(EMULATORS);
    try (FaxbridgeInstance faxbridge = bed.start()) {
      String tenant = TestBed.createTenant(faxbridge, "riverside");
      TestBed.connectJwt(faxbridge, tenant, bed.clinic("Riverside").jwt());
    }

    Checklist checklist = doctor(bed.properties());

    assertThat(checklist.exitCode).as(checklist.output).isZero();
    assertThat(checklist.output)
        .contains(
            "[ok]   secrets keyset opens",
            "[ok]   database answers",
            "[ok]   database migrated",
            "[ok]   keyset opens every sealed value",
            "[ok]   RingCentral app credentials",
            "[ok]   JWT auth flow",
            "[ok]   authorization-code flow",
            "[ok]   refresh tokens issued",
            "[ok]   redirect URI",
            "[ok]   media host",
            "[ok]   connection ")
        .doesNotContain("[FAIL]");
  }

  @Test
  void anAppEnabledForJwtOnlyIsReportedForEachMissingGrantAndTheRedirectUri() {
    ClientApp jwtOnly =
        EMULATORS
            .ringCentral()
            .createApp(AppSpec.named("jwt only").grants(EnumSet.of(Grant.JWT_BEARER)));

    Checklist checklist = doctor(withApp(jwtOnly.clientId(), jwtOnly.clientSecret()));

    assertThat(checklist.exitCode).isEqualTo(1);
    assertThat(checklist.output)
        .contains(
            "[ok]   RingCentral app credentials",
            "[ok]   JWT auth flow",
            "[FAIL] authorization-code flow (connect links): not enabled: HTTP 400 OAU-251",
            "[FAIL] refresh tokens issued: not enabled",
            "Issue refresh tokens",
            "[FAIL] redirect URI");
  }

  @Test
  void anAppWithoutJwtFlowAndAnotherRedirectUriIsReported() {
    ClientApp app =
        EMULATORS
            .ringCentral()
            .createApp(
                AppSpec.named("code only")
                    .grants(EnumSet.of(Grant.AUTHORIZATION_CODE, Grant.REFRESH_TOKEN))
                    .redirectUris(List.of("https://elsewhere.example/callback")));

    Checklist checklist = doctor(withApp(app.clientId(), app.clientSecret()));

    assertThat(checklist.exitCode).isEqualTo(1);
    assertThat(checklist.output)
        .contains(
            "[FAIL] JWT auth flow: not enabled",
            "[ok]   authorization-code flow",
            "[ok]   refresh tokens issued",
            "OAU-109",
            "as an OAuth redirect URI");
  }

  @Test
  void aWrongClientSecretIsReportedAsTheAppsCredentials() {
    ClientApp app = EMULATORS.ringCentral().createApp("faxbridge");

    Checklist checklist = doctor(withApp(app.clientId(), "not-the-secret"));

    assertThat(checklist.exitCode).isEqualTo(1);
    assertThat(checklist.output)
        .contains("[FAIL] RingCentral app credentials", "OAU-146")
        .doesNotContain("not-the-secret");
  }

  /** A migrated database without connections, and faxbridge's app as given. */
  private Map<String, Object> withApp(String clientId, String clientSecret) {
    TestBed bed = TestBed.create(EMULATORS);
    Flyway.configure()
        .dataSource(bed.databaseUrl(), "postgres", null)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    Map<String, Object> properties = bed.properties();
    properties.put("faxbridge.ringcentral.client-id", clientId);
    properties.put("faxbridge.ringcentral.client-secret", clientSecret);
    return properties;
  }

  private static Checklist doctor(Map<String, Object> properties) {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    String[] arguments =
        properties.entrySet().stream()
            .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
            .toArray(String[]::new);
    int exitCode = Doctor.run(new PrintStream(printed, true, StandardCharsets.UTF_8), arguments);
    return new Checklist(exitCode, printed.toString(StandardCharsets.UTF_8));
  }

  private record Checklist(int exitCode, String output) {}
}
