package dev.faxbridge.demo;

import dev.faxbridge.connection.ConnectSettings;
import dev.faxbridge.emulator.ClientApp;
import dev.faxbridge.emulator.RingCentralEmulator;
import dev.faxbridge.emulator.faxage.FaxageEmulator;
import dev.faxbridge.provider.faxage.FaxageSettings;
import dev.faxbridge.provider.ringcentral.RingCentralSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Demo wiring: the emulator runs inside faxbridge, keeps its state under the demo's state directory
 * (so a restart finds the same accounts and faxes), and faxbridge's RingCentral app comes from the
 * demo instead of configuration. The Faxage emulator runs beside it for the clinics on Faxage. The
 * operator account is {@code admin.DemoOperator}'s.
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

  /**
   * faxbridge's app in the emulator, with faxbridge's callback (at the address it listens on, see
   * {@link DemoAddress}) as its redirect URI, so a connect link's sign-in comes back.
   */
  @Bean
  ClientApp demoApp(RingCentralEmulator emulator, ConnectSettings connect) {
    ClientApp app =
        emulator.apps().stream()
            .filter(existing -> existing.name().equals(APP_NAME))
            .findFirst()
            .orElseGet(() -> emulator.createApp(APP_NAME));
    List<String> callback = List.of(connect.callbackUrl());
    if (!emulator.redirectUris(app.clientId()).equals(callback)) {
      emulator.redirectUris(app.clientId(), callback);
    }
    return app;
  }

  /**
   * The emulated Faxage, in memory: each start begins its fax ids above those of earlier starts
   * (from the clock), since faxbridge's ledger remembers them.
   */
  @Bean(destroyMethod = "close")
  FaxageEmulator demoFaxage(DemoSettings settings, Clock clock) {
    return FaxageEmulator.builder()
        .port(settings.faxageEmulatorPort())
        .firstRecvid(clock.millis())
        .start();
  }

  /** faxbridge's Faxage settings pointed at the emulated Faxage, paced for a demo. */
  @Bean
  @Primary
  FaxageSettings demoFaxageSettings(FaxageEmulator faxage) {
    return new FaxageSettings(
        faxage.endpointUrl(),
        faxage.timeZone(),
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        Duration.ofMillis(100),
        Duration.ofMillis(500),
        Duration.ofSeconds(10),
        3);
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
}
