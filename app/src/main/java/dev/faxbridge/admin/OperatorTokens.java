package dev.faxbridge.admin;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Bearer tokens: an operator's personal API token, the bootstrap token of {@link OperatorSettings}
 * (full rights, audited as {@value #BOOTSTRAP}) or the metrics token (reads metrics only).
 */
final class OperatorTokens implements AuthenticationProvider {

  /** The actor name of calls made with the bootstrap token. */
  static final String BOOTSTRAP = "operator-api";

  /** The principal of the metrics token. */
  static final String METRICS_SCRAPER = "metrics-scraper";

  static final GrantedAuthority OPERATOR = new SimpleGrantedAuthority("OPERATOR");
  static final GrantedAuthority METRICS_READER = new SimpleGrantedAuthority("METRICS_READER");

  /** Reads {@code Authorization: Bearer <token>}; no such header, no authentication attempt. */
  static final AuthenticationConverter FROM_HEADER =
      (HttpServletRequest request) -> {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
          return null;
        }
        return new BearerToken(header.substring(7).trim());
      };

  private final OperatorSettings settings;
  private final Operators operators;

  OperatorTokens(OperatorSettings settings, Operators operators) {
    this.settings = settings;
    this.operators = operators;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String given = ((BearerToken) authentication).token;
    if (given.isEmpty()) {
      throw new BadCredentialsException("empty bearer token");
    }
    if (matches(given, settings.apiToken())) {
      return Authenticated.as(BOOTSTRAP, OPERATOR);
    }
    if (matches(given, settings.metricsToken())) {
      return Authenticated.as(METRICS_SCRAPER, METRICS_READER);
    }
    Optional<String> operator = operators.authenticateToken(given);
    return operator
        .map(name -> Authenticated.as(name, OPERATOR))
        .orElseThrow(() -> new BadCredentialsException("unknown or revoked API token"));
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return BearerToken.class.isAssignableFrom(authentication);
  }

  private static boolean matches(String given, String configured) {
    return OperatorSettings.isSet(configured)
        && MessageDigest.isEqual(
            given.getBytes(StandardCharsets.UTF_8), configured.getBytes(StandardCharsets.UTF_8));
  }

  /** A bearer token as sent, not yet checked; never printed. */
  static final class BearerToken extends AbstractAuthenticationToken {
    private final String token;

    BearerToken(String token) {
      super(List.of());
      this.token = token;
    }

    @Override
    public Object getCredentials() {
      return token;
    }

    @Override
    public Object getPrincipal() {
      return null;
    }

    @Override
    public String toString() {
      return "BearerToken[unchecked]";
    }
  }

  /** Who a checked token belongs to; the token itself is not kept. */
  static final class Authenticated extends AbstractAuthenticationToken {
    private final String name;

    private Authenticated(String name, GrantedAuthority authority) {
      super(List.of(authority));
      this.name = name;
      setAuthenticated(true);
    }

    static Authenticated as(String name, GrantedAuthority authority) {
      return new Authenticated(name, authority);
    }

    @Override
    public Object getCredentials() {
      return null;
    }

    @Override
    public Object getPrincipal() {
      return name;
    }
  }
}
