package dev.faxbridge.connection;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Connect links of the authorization-code flow.
 *
 * @param publicUrl where clinic admins reach faxbridge's connect pages; {@code
 *     <publicUrl>/connect/callback} must be registered as a redirect URI of the RingCentral app
 * @param linkLifetime how long a new connect link can be opened
 * @param maxAttempts how many sign-ins and pasted credentials one link answers in all
 * @param maxFailedCredentials after this many refused credentials a link locks and the operator is
 *     notified
 * @param contact who clinics contact with questions, shown on the connect pages
 */
@ConfigurationProperties("faxbridge.connect")
public record ConnectSettings(
    @DefaultValue("http://localhost:8080") URI publicUrl,
    @DefaultValue("72h") Duration linkLifetime,
    @DefaultValue("20") int maxAttempts,
    @DefaultValue("5") int maxFailedCredentials,
    @DefaultValue("your faxbridge operator") String contact) {

  public ConnectSettings {
    if (publicUrl.getScheme() == null || publicUrl.getHost() == null) {
      throw new IllegalArgumentException(
          "faxbridge.connect.public-url must be an absolute URL such as https://fax.example.com,"
              + " was "
              + publicUrl);
    }
    if (linkLifetime.isNegative() || linkLifetime.isZero()) {
      throw new IllegalArgumentException(
          "faxbridge.connect.link-lifetime must be positive, was " + linkLifetime);
    }
    if (maxFailedCredentials < 1 || maxAttempts < maxFailedCredentials) {
      throw new IllegalArgumentException(
          "faxbridge.connect.max-failed-credentials must be at least 1 and at most"
              + " faxbridge.connect.max-attempts, were "
              + maxFailedCredentials
              + " and "
              + maxAttempts);
    }
  }

  /** The redirect URI faxbridge sends to the authorize endpoint. */
  public String callbackUrl() {
    return base() + "/connect/callback";
  }

  /** The page a clinic admin opens for a link token. */
  public URI linkUrl(String token) {
    return URI.create(base() + "/connect/" + token);
  }

  private String base() {
    String text = publicUrl.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }
}
