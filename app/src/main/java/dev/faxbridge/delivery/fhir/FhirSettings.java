package dev.faxbridge.delivery.fhir;

import dev.faxbridge.delivery.DocumentSizeLimit;
import java.net.URI;
import java.time.Duration;

/**
 * One FHIR R4 destination.
 *
 * @param baseUrl the server's base, e.g. {@code https://ehr.example/fhir}
 * @param authentication none, basic or bearer
 * @param identifierSystem the {@code DocumentReference.identifier.system} under which the fax's
 *     identity is the value; the conditional create matches on it. Default {@value
 *     #DEFAULT_IDENTIFIER_SYSTEM}
 * @param maxDocumentSize a larger document is refused, never buffered; default 16 MiB
 * @param timeout for connecting and for each answer; default 60 seconds
 * @param location the location label (a department, a site) carried as the custodian's name, or
 *     null for the tenant's slug
 */
public record FhirSettings(
    URI baseUrl,
    Authentication authentication,
    String identifierSystem,
    DocumentSizeLimit maxDocumentSize,
    Duration timeout,
    String location) {

  public static final String DEFAULT_IDENTIFIER_SYSTEM = "urn:faxbridge:fax";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  public FhirSettings {
    if (baseUrl == null
        || baseUrl.getHost() == null
        || !("https".equals(baseUrl.getScheme()) || "http".equals(baseUrl.getScheme()))) {
      throw new IllegalArgumentException(
          "A FHIR destination needs an absolute http or https base URL, was '" + baseUrl + "'");
    }
    authentication = authentication == null ? new Authentication.None() : authentication;
    identifierSystem =
        identifierSystem == null || identifierSystem.isBlank()
            ? DEFAULT_IDENTIFIER_SYSTEM
            : identifierSystem;
    if (!URI.create(identifierSystem).isAbsolute()) {
      throw new IllegalArgumentException(
          "The identifier system must be an absolute URI, was '" + identifierSystem + "'");
    }
    maxDocumentSize = maxDocumentSize == null ? DocumentSizeLimit.DEFAULT : maxDocumentSize;
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("The FHIR timeout must be positive, was " + timeout);
    }
  }

  /** How faxbridge authenticates to the FHIR server. Secrets never appear in {@code toString}. */
  public sealed interface Authentication {

    record None() implements Authentication {}

    record Basic(String username, String password) implements Authentication {
      public Basic {
        if (username == null || username.isBlank() || password == null) {
          throw new IllegalArgumentException("Basic authentication needs a username and password");
        }
      }

      @Override
      public String toString() {
        return "Basic[username=" + username + "]";
      }
    }

    record Bearer(String token) implements Authentication {
      public Bearer {
        if (token == null || token.isBlank()) {
          throw new IllegalArgumentException("Bearer authentication needs a token");
        }
      }

      @Override
      public String toString() {
        return "Bearer[token hidden]";
      }
    }
  }
}
