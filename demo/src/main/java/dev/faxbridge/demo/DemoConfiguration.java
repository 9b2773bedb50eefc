package dev.faxbridge.demo;

import dev.faxbridge.admin.OperatorSettings;
import dev.faxbridge.emulator.ClientApp;
import dev.faxbridge.emulator.RingCentralEmulator;
import dev.faxbridge.platform.FileAccess;
import dev.faxbridge.provider.ringcentral.RingCentralSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Demo wiring: the emulator runs inside faxbridge, keeps its state under the demo's state directory
 * (so a restart finds the same accounts and faxes), and faxbridge's RingCentral app and operator
 * token come from the demo instead of configuration.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "faxbridge.demo.enabled", havingValue = "true")
class DemoConfiguration {

  static final String APP_NAME = "faxbridge demo";

  @Bean(destroyMethod = "close")
  RingCentralEmulator demoEmulator(DemoSettings settings) {
    return RingCentralEmulator.builder()
        .port(settings.emulatorPort())
        .mediaPort(settings.emulatorMediaPort())
        .stateDirectory(settings.stateDirectory().resolve("emulator"))
        .start();
  }

  @Bean
  ClientApp demoApp(RingCentralEmulator emulator) {
    return emulator.apps().stream()
        .filter(app -> app.name().equals(APP_NAME))
        .findFirst()
        .orElseGet(() -> emulator.createApp(APP_NAME));
  }

  @Bean
  @Primary
  RingCentralSettings demoRingCentralSettings(RingCentralEmulator emulator, ClientApp app) {
    return new RingCentralSettings(
        app.clientId(),
        app.clientSecret(),
        emulator.platformUrl(),
        List.of(emulator.mediaUrl()),
        Duration.ofMinutes(5),
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        1000,
        Duration.ofSeconds(30),
        Duration.ofMinutes(15),
        null);
  }

  /** The configured operator token, or one generated once and kept in the demo's state. */
  @Bean
  @Primary
  OperatorSettings demoOperatorSettings(OperatorSettings configured, DemoSettings settings)
      throws IOException {
    if (configured.apiToken() != null && !configured.apiToken().isBlank()) {
      return configured;
    }
    Path file = settings.stateDirectory().resolve("operator-api-token");
    if (!Files.exists(file)) {
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      FileAccess.OWNER_ONLY.write(
          file, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
    }
    return new OperatorSettings(Files.readString(file).trim(), configured.metricsToken());
  }
}
