package dev.faxbridge.admin;

import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Who may call what. One filter chain guards every path: the {@link OpenPaths} are open, {@code
 * /actuator/prometheus} takes an operator or the metrics token, everything else an operator (bearer
 * token or HTTP Basic). It keeps no session and sets no cookie, so it needs no CSRF token.
 *
 * <p>This chain is the last one ({@link #API_CHAIN_ORDER}) and matches every request. A browser
 * console plugs in as a chain of its own with a lower order and a {@code securityMatcher} of its
 * paths (say {@code /console/**}): form login against {@link #operatorAccounts}, sessions and CSRF
 * there, nothing to change here.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class OperatorSecurity {

  /** The catch-all chain's place: after any chain that claims paths of its own. */
  static final int API_CHAIN_ORDER = Ordered.LOWEST_PRECEDENCE;

  @Bean
  @Order(API_CHAIN_ORDER)
  SecurityFilterChain apiFilterChain(
      HttpSecurity http,
      UserDetailsService operatorAccounts,
      PasswordEncoder passwords,
      OperatorSettings settings,
      Operators operators)
      throws Exception {
    AuthenticationEntryPoint refuse = refusal(settings, operators);
    AuthenticationFilter bearer =
        new AuthenticationFilter(
            new ProviderManager(new OperatorTokens(settings, operators)),
            OperatorTokens.FROM_HEADER);
    bearer.setSuccessHandler((request, response, authentication) -> {});
    bearer.setFailureHandler(new AuthenticationEntryPointFailureHandler(refuse));
    return http.securityMatcher("/**")
        .authorizeHttpRequests(
            requests ->
                requests
                    // An error page rendered for a request that already passed this chain.
                    .dispatcherTypeMatchers(DispatcherType.ERROR)
                    .permitAll()
                    .requestMatchers(OpenPaths.matcher())
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, "/actuator/prometheus")
                    .hasAnyAuthority(
                        OperatorTokens.OPERATOR.getAuthority(),
                        OperatorTokens.METRICS_READER.getAuthority())
                    .anyRequest()
                    .hasAuthority(OperatorTokens.OPERATOR.getAuthority()))
        .authenticationManager(operatorPasswords(operatorAccounts, passwords))
        .addFilterBefore(bearer, BasicAuthenticationFilter.class)
        .httpBasic(basic -> basic.authenticationEntryPoint(refuse))
        .exceptionHandling(
            exceptions ->
                exceptions
                    .authenticationEntryPoint(refuse)
                    .accessDeniedHandler(
                        (request, response, denied) ->
                            ProblemResponses.write(
                                response,
                                HttpStatus.FORBIDDEN,
                                "These credentials may not make this call (the metrics token reads"
                                    + " /actuator/prometheus only)")))
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .csrf(csrf -> csrf.disable())
        .formLogin(form -> form.disable())
        .logout(logout -> logout.disable())
        .build();
  }

  /** Operator passwords are BCrypt hashes (without a scheme prefix). */
  @Bean
  PasswordEncoder operatorPasswordEncoder() {
    return new BCryptPasswordEncoder();
  }

  /**
   * Operator accounts by user name and BCrypt hash, for HTTP Basic here and, through Spring's
   * global authentication manager, for a console's form login. Every account has the operator
   * authority.
   */
  @Bean
  UserDetailsService operatorAccounts(Operators operators) {
    return username ->
        operators
            .passwordHash(username)
            .map(
                hash ->
                    User.withUsername(username)
                        .password(hash)
                        .authorities(List.of(OperatorTokens.OPERATOR))
                        .build())
            .orElseThrow(() -> new UsernameNotFoundException("no such operator"));
  }

  /**
   * Rejects {@code ;}, encoded slashes, periods and percent signs, backslashes and {@code ./} or
   * {@code ../} segments before anything routes the request, so no path can mean one thing to the
   * security rules and another to the controllers. The defaults, stated so nobody loosens them.
   */
  @Bean
  HttpFirewall httpFirewall() {
    return new StrictHttpFirewall();
  }

  /** A rejected request is answered 400 with problem details, not thrown as a server error. */
  @Bean
  RequestRejectedHandler requestRejectedHandler() {
    return (request, response, rejected) ->
        ProblemResponses.write(
            response,
            HttpStatus.BAD_REQUEST,
            "The request's path or headers hold characters or segments faxbridge does not accept"
                + " (such as ';', encoded slashes or '..')");
  }

  /** Checks an operator's user name and password; the API's HTTP Basic and the console's login. */
  static AuthenticationManager operatorPasswords(
      UserDetailsService accounts, PasswordEncoder encoder) {
    DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(accounts);
    passwords.setPasswordEncoder(encoder);
    return new ProviderManager(passwords);
  }

  private static AuthenticationEntryPoint refusal(OperatorSettings settings, Operators operators) {
    return (request, response, exception) -> {
      boolean closed = !OperatorSettings.isSet(settings.apiToken()) && !operators.any();
      String detail =
          closed
              ? "The operator API is closed: no operator account exists and no faxbridge.operator.api-token"
                  + " (FAXBRIDGE_OPERATOR_API_TOKEN) is configured"
              : "Send an operator API token as 'Authorization: Bearer <token>', or an operator's"
                  + " user name and password with HTTP Basic";
      response.setHeader("WWW-Authenticate", "Bearer, Basic realm=\"faxbridge\"");
      ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, detail);
    };
  }
}
