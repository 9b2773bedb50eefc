package dev.faxbridge.admin;

import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The only requests anyone may send without signing in. Everything else needs an operator, so a new
 * endpoint is closed until it is added here (and to {@code EveryEndpointIsGuardedTest}, which lists
 * the same set on purpose: opening a path is a decision two files must agree on).
 */
final class OpenPaths {

  /** One open request: its method, its path pattern and why it has to be open. */
  record OpenPath(HttpMethod method, String pattern, String reason) {}

  static final List<OpenPath> ALL =
      List.of(
          new OpenPath(HttpMethod.GET, "/actuator/health", "the load balancer's health check"),
          new OpenPath(HttpMethod.GET, "/actuator/health/liveness", "the liveness probe"),
          new OpenPath(HttpMethod.GET, "/actuator/health/readiness", "the readiness probe"),
          new OpenPath(
              HttpMethod.GET,
              "/connect/callback",
              "RingCentral's sign-in returns the clinic's browser here; the one-time OAuth state"
                  + " is the credential"),
          new OpenPath(
              HttpMethod.GET,
              "/connect/guide",
              "the guide for clinics, linked from the connect page; public text"),
          new OpenPath(
              HttpMethod.GET,
              "/connect/{token}",
              "the clinic's connect page; the one-time link token is the credential"),
          new OpenPath(
              HttpMethod.POST,
              "/connect/{token}",
              "starts the clinic's sign-in; the one-time link token is the credential"),
          new OpenPath(
              HttpMethod.POST,
              "/connect/{token}/jwt",
              "the clinic's pasted JWT credential; the one-time link token is the credential, and"
                  + " the form's CSRF token (ConnectPageSecurity) proves the page sent it"),
          new OpenPath(
              HttpMethod.GET,
              "/documents/{token}",
              "a fax document behind a webhook's short-lived download link; the signed token"
                  + " (HMAC with expiry) is the credential"),
          new OpenPath(
              HttpMethod.GET,
              "/console/login",
              "the operator console's login page; every other console path needs a signed-in"
                  + " operator (ConsoleSecurity)"),
          new OpenPath(
              HttpMethod.POST,
              "/webhooks/ringcentral/{connectionId}",
              "RingCentral's notifications; each carries the connection's Verification-Token"));

  private OpenPaths() {}

  static RequestMatcher matcher() {
    return new OrRequestMatcher(
        ALL.stream()
            .<RequestMatcher>map(
                open ->
                    PathPatternRequestMatcher.withDefaults().matcher(open.method(), open.pattern()))
            .toList());
  }
}
