package dev.faxbridge.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requires an operator on the API and on every actuator endpoint but health, so nothing is open by
 * default. Accepted: {@code Authorization: Bearer <token>} with an operator's API token or the
 * configured bootstrap token ({@code faxbridge.operator.api-token}), or {@code Authorization:
 * Basic} with an operator's user name and password. The authenticated operator becomes the actor of
 * the audit trail.
 */
@Component
class OperatorAuthentication extends OncePerRequestFilter {

  static final String ACTOR = "faxbridge.operator";

  /** The actor name of calls made with the bootstrap token. */
  static final String BOOTSTRAP = "operator-api";

  private final OperatorSettings settings;
  private final Operators operators;

  OperatorAuthentication(OperatorSettings settings, Operators operators) {
    this.settings = settings;
    this.operators = operators;
  }

  /** The operator of the current API request, for the audit trail. */
  static String currentActor() {
    RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
    Object actor =
        attributes == null ? null : attributes.getAttribute(ACTOR, RequestAttributes.SCOPE_REQUEST);
    return actor == null ? BOOTSTRAP : actor.toString();
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    boolean protectedPath = path.startsWith("/api/") || path.startsWith("/actuator");
    return !protectedPath || path.startsWith("/actuator/health");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    Optional<String> actor = header == null ? Optional.empty() : authenticate(header);
    if (actor.isEmpty()) {
      boolean closed =
          (settings.apiToken() == null || settings.apiToken().isBlank()) && !operators.any();
      refuse(
          response,
          closed
              ? "The operator API is closed: no operator account exists and no"
                  + " faxbridge.operator.api-token (FAXBRIDGE_OPERATOR_API_TOKEN) is configured"
              : "Send an operator API token as 'Authorization: Bearer <token>', or an operator's"
                  + " user name and password with HTTP Basic");
      return;
    }
    request.setAttribute(ACTOR, actor.get());
    chain.doFilter(request, response);
  }

  private Optional<String> authenticate(String header) {
    if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String given = header.substring(7).trim();
      String bootstrap = settings.apiToken();
      if (bootstrap != null
          && !bootstrap.isBlank()
          && MessageDigest.isEqual(
              given.getBytes(StandardCharsets.UTF_8), bootstrap.getBytes(StandardCharsets.UTF_8))) {
        return Optional.of(BOOTSTRAP);
      }
      return given.isEmpty() ? Optional.empty() : operators.authenticateToken(given);
    }
    if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded =
            new String(
                Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      int colon = decoded.indexOf(':');
      if (colon < 1) {
        return Optional.empty();
      }
      return operators.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
    return Optional.empty();
  }

  private static void refuse(HttpServletResponse response, String detail) throws IOException {
    response.setStatus(401);
    response.setHeader("WWW-Authenticate", "Bearer, Basic realm=\"faxbridge\"");
    response.setContentType("application/problem+json");
    response
        .getWriter()
        .write(
            "{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\""
                + detail.replace("\"", "'")
                + "\"}");
  }
}
