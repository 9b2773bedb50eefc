package dev.faxbridge.provider.faxage;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Bad settings fail at startup with the setting's name and the bad value. */
class FaxageSettingsTest {

  @Test
  void refusesPlainHttpExceptToALocalEmulator() {
    assertThatThrownBy(() -> settings(URI.create("http://api.faxage.com/httpsfax.php"), 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("faxbridge.faxage.endpoint")
        .hasMessageContaining("http://api.faxage.com/httpsfax.php");
    settings(URI.create("http://127.0.0.1:8092/httpsfax.php"), 3);
  }

  @Test
  void refusesAttemptsOutsideOneToTen() {
    assertThatThrownBy(() -> settings(URI.create("https://api.faxage.com/httpsfax.php"), 0))
        .hasMessageContaining("faxbridge.faxage.call-attempts")
        .hasMessageContaining("was 0");
  }

  private static FaxageSettings settings(URI endpoint, int attempts) {
    return new FaxageSettings(
        endpoint,
        ZoneId.of("America/Denver"),
        Duration.ofSeconds(10),
        Duration.ofSeconds(60),
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        Duration.ofMinutes(5),
        attempts);
  }
}
