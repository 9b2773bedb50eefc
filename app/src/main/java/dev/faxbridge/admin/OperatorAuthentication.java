package dev.faxbridge.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requires the operator API token on the API and on every actuator endpoint but health, so nothing
 * is open by default. The comparison takes the same time for every wrong token.
 */
@Component
class OperatorAuthentication extends OncePerRequestFilter {

  private final OperatorSettings settings;

  OperatorAuthentication(OperatorSettings settings) {
    this.settings = settings;
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
    String expected = settings.apiToken();
    if (expected == null || expected.isBlank()) {
      refuse(
          response,
          "The operator API is closed: no faxbridge.operator.api-token (FAXBRIDGE_OPERATOR_API_TOKEN)"
              + " is configured");
      return;
    }
    String header = request.getHeader("Authorization");
    String given = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : "";
    if (!MessageDigest.isEqual(
        given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
      refuse(response, "Send the operator API token as 'Authorization: Bearer <token>'");
      return;
    }
    chain.doFilter(request, response);
  }

  private static void refuse(HttpServletResponse response, String detail) throws IOException {
    response.setStatus(401);
    response.setHeader("WWW-Authenticate", "Bearer");
    response.setContentType("application/problem+json");
    response
        .getWriter()
        .write(
            "{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\""
                + detail.replace("\"", "'")
                + "\"}");
  }
}
