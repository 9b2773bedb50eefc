package dev.faxbridge.admin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The operator console ({@code dev.faxbridge.console}, every path under {@code /console}, its
 * scripts and styles included): a chain of its own, before {@link OperatorSecurity}'s. An operator
 * signs in with the user name and password of an operator account (the same {@code
 * operatorAccounts} as HTTP Basic on the API) and gets a session; every form carries the session's
 * CSRF token, and a post without it is refused 403 before any controller runs. Anyone not signed in
 * is sent to the login page, the only console path open to everyone ({@link OpenPaths}). Signing
 * out is a POST with the token. The API chain stays stateless: the session cookie is scoped to
 * {@code /console} ({@code server.servlet.session.cookie.path}) and the API never reads a session.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

  static final String LOGIN_PAGE = "/console/login";

  /**
   * Scripts and styles come only from faxbridge itself; no page can be framed, no form can post
   * elsewhere. Inline styles stay allowed for the chart library's own positioning.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'"
          + " data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri"
          + " 'none'; object-src 'none'";

  @Bean
  @Order(OperatorSecurity.API_CHAIN_ORDER - 2)
  SecurityFilterChain consoleFilterChain(
      HttpSecurity http, UserDetailsService operatorAccounts, PasswordEncoder passwords)
      throws Exception {
    return http.securityMatcher("/console", "/console/**")
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(HttpMethod.GET, LOGIN_PAGE)
                    .permitAll()
                    .anyRequest()
                    .hasAuthority(OperatorTokens.OPERATOR.getAuthority()))
        .authenticationManager(OperatorSecurity.operatorPasswords(operatorAccounts, passwords))
        .formLogin(
            form ->
                form.loginPage(LOGIN_PAGE)
                    .loginProcessingUrl(LOGIN_PAGE)
                    .defaultSuccessUrl("/console/clinics")
                    .failureUrl(LOGIN_PAGE + "?error")
                    .permitAll())
        .logout(
            logout ->
                logout
                    .logoutUrl("/console/logout")
                    .logoutSuccessUrl(LOGIN_PAGE + "?signed-out")
                    .deleteCookies(SESSION_COOKIE))
        .sessionManagement(
            sessions ->
                sessions
                    .sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED)
                    .sessionFixation(fixation -> fixation.changeSessionId()))
        .csrf(csrf -> {})
        .httpBasic(basic -> basic.disable())
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                    .referrerPolicy(
                        referrer ->
                            referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
        .build();
  }

  /** The console session's cookie ({@code server.servlet.session.cookie.name}). */
  static final String SESSION_COOKIE = "faxbridge-console";
}
