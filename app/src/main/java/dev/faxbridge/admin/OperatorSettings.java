package dev.faxbridge.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The credentials that exist without an operator account.
 *
 * @param apiToken the bootstrap bearer token ({@code FAXBRIDGE_OPERATOR_API_TOKEN}): full operator
 *     rights, audited as {@value OperatorTokens#BOOTSTRAP}; with none and no operator account,
 *     every protected path refuses
 * @param metricsToken a bearer token that reads {@code /actuator/prometheus} and nothing else
 *     ({@code FAXBRIDGE_OPERATOR_METRICS_TOKEN}), for a metrics scraper; none by default
 */
@ConfigurationProperties("faxbridge.operator")
public record OperatorSettings(String apiToken, String metricsToken) {

  public OperatorSettings {
    requireLongEnough("api-token", apiToken);
    requireLongEnough("metrics-token", metricsToken);
    if (isSet(apiToken) && apiToken.equals(metricsToken)) {
      throw new IllegalArgumentException(
          "faxbridge.operator.metrics-token must differ from faxbridge.operator.api-token: the"
              + " scrape credential reads metrics only");
    }
  }

  static boolean isSet(String token) {
    return token != null && !token.isBlank();
  }

  private static void requireLongEnough(String name, String token) {
    if (isSet(token) && token.length() < 24) {
      throw new IllegalArgumentException(
          "faxbridge.operator."
              + name
              + " must be at least 24 characters (it was "
              + token.length()
              + "); generate one with 'openssl rand -base64 32'");
    }
  }

  @Override
  public String toString() {
    return "OperatorSettings[apiToken="
        + (isSet(apiToken) ? "set" : "unset")
        + ", metricsToken="
        + (isSet(metricsToken) ? "set" : "unset")
        + "]";
  }
}
