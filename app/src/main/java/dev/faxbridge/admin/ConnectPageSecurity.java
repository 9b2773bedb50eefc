package dev.faxbridge.admin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The connect page and the form that posts a pasted JWT credential: open paths (see {@link
 * OpenPaths}) whose form needs CSRF protection although nobody signs in. The page sets a CSRF token
 * in an HttpOnly, SameSite=Strict cookie scoped to {@code /connect} and in the form (double submit,
 * no session); a post of a credential without the matching pair is refused 403 before it reaches
 * the controller. Every other request goes to {@link OperatorSecurity}'s chain.
 */
@Configuration(proxyBeanMethods = false)
class ConnectPageSecurity {

  static final String CSRF_COOKIE = "faxbridge-connect-csrf";

  @Bean
  @Order(OperatorSecurity.API_CHAIN_ORDER - 1)
  SecurityFilterChain connectPageFilterChain(HttpSecurity http) throws Exception {
    RequestMatcher credentialPost =
        PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/connect/{token}/jwt");
    RequestMatcher page =
        PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/connect/{token}");
    CookieCsrfTokenRepository tokens = new CookieCsrfTokenRepository();
    tokens.setCookieName(CSRF_COOKIE);
    tokens.setCookieCustomizer(cookie -> cookie.path("/connect").sameSite("Strict"));
    return http.securityMatcher(new OrRequestMatcher(page, credentialPost))
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(csrf -> csrf.csrfTokenRepository(tokens).requireCsrfProtectionMatcher(credentialPost))
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .formLogin(form -> form.disable())
        .httpBasic(basic -> basic.disable())
        .logout(logout -> logout.disable())
        .build();
  }
}
