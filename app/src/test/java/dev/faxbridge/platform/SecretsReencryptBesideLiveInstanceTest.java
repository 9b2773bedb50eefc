package dev.faxbridge.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faxbridge.FaxbridgeApplication;
import dev.faxbridge.emulator.RingCentralEmulator;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.FaxbridgeInstance;
import dev.faxbridge.testing.Operator;
import dev.faxbridge.testing.TestEnvironment;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A maintenance command beside a live faxbridge on the embedded database works through that
 * faxbridge's server and never stops it; a second faxbridge on the same directory refuses.
 */
class SecretsReencryptBesideLiveInstanceTest {

  @TempDir Path data;

  @Test
  void reencryptWorksThroughTheLiveServerAndTheLiveInstanceKeepsServing() {
    try (RingCentralEmulator emulator = RingCentralEmulator.builder().start()) {
      TestEnvironment environment = TestEnvironment.create(emulator, data);
      Map<String, Object> properties = environment.properties();
      properties.remove("spring.datasource.url");
      properties.put("faxbridge.database.embedded.data-directory", data.resolve("pg").toString());
      try (FaxbridgeInstance live = FaxbridgeInstance.start(properties)) {
        Operator.connect(
            live, "riverside", Clinic.create(emulator, environment.app().clientId(), "Riverside"));

        int resealed =
            FaxbridgeApplication.reencrypt(
                properties.entrySet().stream()
                    .filter(p -> !p.getKey().equals("server.port"))
                    .map(p -> "--" + p.getKey() + "=" + p.getValue())
                    .toArray(String[]::new));

        assertThat(resealed).isPositive();
        assertThat(live.api("GET", "/api/tenants", null).body()).contains("riverside");
        assertThatThrownBy(() -> FaxbridgeInstance.start(properties))
            .hasStackTraceContaining("Another faxbridge")
            .hasStackTraceContaining("several nodes need an external PostgreSQL");
        assertThat(live.api("GET", "/api/tenants", null).statusCode()).isEqualTo(200);
      }
    }
  }
}
