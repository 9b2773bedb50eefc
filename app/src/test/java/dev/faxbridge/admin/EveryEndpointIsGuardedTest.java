package dev.faxbridge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.connection.TestBed;
import dev.faxbridge.testing.Emulators;
import dev.faxbridge.testing.FaxbridgeInstance;
import dev.faxbridge.testing.RawHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Every request mapping of the application (controllers, actuator endpoints, the error page)
 * refuses an anonymous caller, except the declared open paths; and no spelling of a path gets past
 * the rules to a controller.
 */
class EveryEndpointIsGuardedTest {

  /** The open set, written out again on purpose: opening a path must change this test too. */
  private static final Set<String> OPEN_MAPPINGS =
      Set.of(
          "GET /actuator/health",
          "GET /connect/callback",
          "GET /connect/{token}",
          "GET /connect/guide",
          "GET /console/login",
          "GET /documents/{token}",
          "POST /connect/{token}",
          "POST /connect/{token}/jwt",
          "POST /webhooks/ringcentral/{connectionId}");

  private static final String SAMPLE = "3f2b8a1e-0c4d-4e5f-9a6b-7c8d9e0f1a2b";
  @RegisterExtension static final Emulators EMULATORS = Emulators.started();

  @Test
  void everyMappingRefusesAnAnonymousCallerExceptTheDeclaredOpenPaths() {
    try (FaxbridgeInstance faxbridge = TestBed.create(EMULATORS).start()) {
      Set<String> mapped = new TreeSet<>();
      Set<String> open = new TreeSet<>();
      List<String> leaks = new ArrayList<>();
      for (RequestMappingInfoHandlerMapping mapping :
          faxbridge.beans(RequestMappingInfoHandlerMapping.class)) {
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
          Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
          for (RequestMethod method :
              methods.isEmpty() ? Set.of(RequestMethod.GET, RequestMethod.POST) : methods) {
            for (String pattern : info.getPatternValues()) {
              String call = method + " " + pattern;
              mapped.add(call);
              String path = pattern.replaceAll("\\{\\*?[^}]+}", SAMPLE).replace("**", "x");
              if (isDeclaredOpen(method.name(), path)) {
                open.add(call);
                continue;
              }
              RawHttp.Answer answer =
                  RawHttp.send(faxbridge.baseUrl(), method.name(), path, null, "{}");
              if (!refused(method, path, answer)) {
                leaks.add(call + " answered " + answer.status());
              }
            }
          }
        }
      }

      assertThat(mapped)
          .as("the enumeration sees controllers, actuator endpoints and the error page")
          .contains(
              "POST /api/tenants",
              "POST /api/operators",
              "GET /actuator/prometheus",
              "GET /actuator/health/**",
              "GET /error",
              "GET /v3/api-docs",
              "GET /swagger-ui.html",
              "GET /console/clinics",
              "POST /console/clinics/{slug}/dead-letters/{faxId}/retry");
      assertThat(leaks).as("mappings answering an anonymous caller").isEmpty();
      assertThat(open).isEqualTo(OPEN_MAPPINGS);
    }
  }

  @Test
  void theHealthProbesAnswerWithoutCredentialsAndTheirDetailsDoNot() {
    try (FaxbridgeInstance faxbridge = TestBed.create(EMULATORS).start()) {
      for (String probe :
          List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
        assertThat(RawHttp.send(faxbridge.baseUrl(), "GET", probe, null, null).status())
            .as(probe)
            .isEqualTo(200);
      }
      assertThat(RawHttp.send(faxbridge.baseUrl(), "GET", "/actuator/health/db", null, null))
          .extracting(RawHttp.Answer::status)
          .isEqualTo(401);
    }
  }

  @Test
  void noSpellingOfAnOperatorPathGetsPastTheRulesAndNothingIsCreated() {
    try (FaxbridgeInstance faxbridge = TestBed.create(EMULATORS).start()) {
      String tenant = TestBed.createTenant(faxbridge, "riverside");
      String newOperator = "{\"username\":\"attacker\",\"password\":\"attackerpassword1\"}";
      String newTenant = "{\"slug\":\"evil\",\"name\":\"Evil\"}";
      List<String> leaks = new ArrayList<>();
      record Attempt(String method, String path, String body) {}
      List<Attempt> attempts = new ArrayList<>();
      for (String path : spellings("/api/operators")) {
        attempts.add(new Attempt("POST", path, newOperator));
      }
      for (String path : spellings("/api/operators/attacker/tokens")) {
        attempts.add(new Attempt("POST", path, "{\"name\":\"x\"}"));
      }
      for (String path : spellings("/api/tenants")) {
        attempts.add(new Attempt("POST", path, newTenant));
      }
      for (String path : spellings("/api/tenants/" + tenant + "/faxes")) {
        attempts.add(new Attempt("GET", path, null));
      }
      for (String path : spellings("/actuator/prometheus")) {
        attempts.add(new Attempt("GET", path, null));
      }
      for (String path : spellings("/console/onboarding/clinics")) {
        attempts.add(new Attempt("POST", path, "slug=evil&name=Evil"));
      }
      for (String path : spellings("/console/clinics/riverside")) {
        attempts.add(new Attempt("GET", path, null));
      }
      for (Attempt attempt : attempts) {
        RawHttp.Answer answer =
            RawHttp.send(
                faxbridge.baseUrl(), attempt.method(), attempt.path(), null, attempt.body());
        // 302 and 403 are the console's refusals (to its login page; no CSRF token).
        if (!List.of(400, 401, 403).contains(answer.status())
            && !(answer.status() == 302
                && answer.location() != null
                && answer.location().endsWith("/console/login"))) {
          leaks.add(attempt.method() + " " + attempt.path() + " answered " + answer.status());
        }
      }

      assertThat(attempts).hasSizeGreaterThan(100);
      assertThat(leaks).isEmpty();
      JdbcClient jdbc = faxbridge.bean(JdbcClient.class);
      assertThat(count(jdbc, "operator_account")).isZero();
      assertThat(count(jdbc, "operator_token")).isZero();
      assertThat(count(jdbc, "tenant")).isEqualTo(1);
    }
  }

  /** The path as an attacker would spell it to slip past a rule that compares strings. */
  private static List<String> spellings(String path) {
    String rest = path.substring(path.indexOf('/', 1));
    String first = path.substring(0, path.indexOf('/', 1));
    List<String> spellings = new ArrayList<>();
    spellings.add(first + ";a" + rest);
    spellings.add(first + ";" + rest);
    spellings.add(first + ";jsessionid=x" + rest);
    spellings.add(path + ";a=b");
    spellings.add(path.replace("/", "/;/"));
    spellings.add(first + rest.replaceFirst("/([^/]+)", "/$1;x=1"));
    spellings.add("/%" + Integer.toHexString(path.charAt(1)) + path.substring(2));
    spellings.add(first.toUpperCase() + rest);
    spellings.add(path.toUpperCase());
    spellings.add("/" + path);
    spellings.add(first + "/" + rest);
    spellings.add(first + "/." + rest);
    spellings.add(first + "/%2e" + rest);
    spellings.add(first + "/%2E" + rest);
    spellings.add(first + "%2f" + rest.substring(1));
    spellings.add(first + "%2F" + rest.substring(1));
    spellings.add(first + "%5c" + rest.substring(1));
    spellings.add(first + "\\" + rest.substring(1));
    spellings.add(path + "/");
    spellings.add(path + "/.");
    spellings.add(path + "%00");
    spellings.add(path + "%3b");
    spellings.add(path + "%253b");
    spellings.add("/x/.." + path);
    spellings.add("/x/%2e%2e" + path);
    spellings.add("/connect/.." + path);
    spellings.add("/connect/..%2f.." + path);
    spellings.add("/connect/%2e%2e" + path);
    spellings.add("/connect/callback/.." + path.substring(0));
    spellings.add("/connect/x;/.." + path);
    spellings.add("/actuator/health/../.." + path);
    spellings.add("/actuator/health;/../.." + path);
    spellings.add("/actuator/health/..;/.." + path);
    spellings.add("/webhooks/ringcentral/x/../../.." + path);
    spellings.add(path);
    return spellings;
  }

  /**
   * How an anonymous caller is refused: the API answers 401; the console (a browser's) sends a page
   * request to its login page and refuses a post without the session's CSRF token with 403.
   */
  private static boolean refused(RequestMethod method, String path, RawHttp.Answer answer) {
    if (!path.equals("/console") && !path.startsWith("/console/")) {
      return answer.status() == 401;
    }
    if (method == RequestMethod.GET) {
      return answer.status() == 302
          && answer.location() != null
          && answer.location().endsWith("/console/login");
    }
    return answer.status() == 403;
  }

  private static boolean isDeclaredOpen(String method, String path) {
    return OpenPaths.ALL.stream()
        .anyMatch(
            open ->
                open.method().name().equals(method)
                    && PathPatternParser.defaultInstance
                        .parse(open.pattern())
                        .matches(org.springframework.http.server.PathContainer.parsePath(path)));
  }

  private static long count(JdbcClient jdbc, String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }
}
