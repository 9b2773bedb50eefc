package dev.faxbridge.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param apiToken the bearer token operators send to {@code /api/**} ({@code
 *     FAXBRIDGE_OPERATOR_API_TOKEN}); with none, the API refuses every call
 */
@ConfigurationProperties("faxbridge.operator")
public record OperatorSettings(String apiToken) {

  public OperatorSettings {
    if (apiToken != null && !apiToken.isBlank() && apiToken.length() < 24) {
      throw new IllegalArgumentException(
          "faxbridge.operator.api-token must be at least 24 characters (it was "
              + apiToken.length()
              + "); generate one with 'openssl rand -base64 32'");
    }
  }

  @Override
  public String toString() {
    return "OperatorSettings[apiToken=" + (apiToken == null ? "unset" : "set") + "]";
  }
}
