package dev.faxbridge.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request pipeline of one listener: route, injected fault, Bearer authentication, rate limit,
 * endpoint, error rendering, request log. A dropped connection (injected reset or truncation) is
 * produced by letting an exception escape to the JDK server, which then closes the socket without
 * an answer.
 */
final class Listener implements HttpHandler {

  private static final Logger log = LoggerFactory.getLogger(Listener.class);

  private final List<Route> routes;
  private final Supplier<URI> baseUrl;
  private final boolean acceptsQueryToken;
  private final Clock clock;
  private final Services services;

  /** What the pipeline needs besides the routes. */
  record Services(
      OAuthSessions sessions,
      Directory directory,
      Faults faults,
      RateLimits rateLimits,
      RequestLog<LoggedRequest> requestLog,
      Function<HttpCall, String> authSubject) {}

  Listener(
      List<Route> routes,
      Supplier<URI> baseUrl,
      boolean acceptsQueryToken,
      Clock clock,
      Services services) {
    this.routes = List.copyOf(routes);
    this.baseUrl = baseUrl;
    this.acceptsQueryToken = acceptsQueryToken;
    this.clock = clock;
    this.services = services;
  }

  @Override
  public void handle(HttpExchange exchange) {
    HttpCall call = new HttpCall(exchange, baseUrl.get());
    Instant at = clock.instant();
    Route route = find(call);
    String group = (route == null ? RateLimitGroup.NONE : route.group()).headerValue();
    call.beforeAnswer(() -> services.requestLog().add(entry(at, call, group)));
    call.header("RCRequestId", UUID.randomUUID().toString());
    try {
      Fault fault = services.faults().next(route, call.method(), call.path());
      if (route == null) {
        throw routeNotFound(call);
      }
      applyBeforeAnswer(fault, call);
      if (route.bearer()) {
        call.caller(authenticate(call));
      }
      throttle(route, call);
      if (call.caller() != null) {
        Scopes.require(call.caller(), route.permission());
      }
      route.endpoint().handle(call);
    } catch (PlatformError e) {
      if (call.status() == 0) {
        e.headers().forEach(call::header);
        call.respond(e.status(), e.body());
      }
    } catch (DroppedOnPurpose | UncheckedIOException | IOException e) {
      call.settle(call.status());
      throw e instanceof DroppedOnPurpose d ? d : new DroppedOnPurpose();
    } catch (Exception e) {
      log.error("{} {} failed", call.method(), call.path(), e);
      if (call.status() != 0) {
        throw new DroppedOnPurpose();
      }
      call.respond(500, PlatformError.api(500, "CMN-500", "Internal Server Error").body());
    }
    exchange.close();
  }

  /** The route serving this request (its path variables set on the call), or null. */
  private Route find(HttpCall call) {
    for (Route candidate : routes) {
      Optional<Map<String, String>> variables = candidate.match(call.method(), call.path());
      if (variables.isPresent()) {
        call.pathVariables(variables.get());
        return candidate;
      }
    }
    return null;
  }

  private void applyBeforeAnswer(Fault fault, HttpCall call) throws InterruptedException {
    switch (fault.kind()) {
      case RESET -> throw new DroppedOnPurpose();
      case DELAY -> Thread.sleep(fault.delay().toMillis());
      case STATUS -> throw injectedStatus(fault.status());
      case TRUNCATE, STALL, MALFORMED_JSON, DAMAGED_RECORD -> call.fault(fault);
      case NONE -> {}
    }
  }

  private Caller authenticate(HttpCall call) {
    String header = call.header("Authorization");
    String token;
    if (header != null) {
      if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        throw PlatformError.api(401, "AGW-402", "Invalid Authorization header");
      }
      token = header.substring(7).trim();
    } else if (acceptsQueryToken && call.param("access_token") != null) {
      token = call.param("access_token");
    } else {
      throw PlatformError.api(401, "AGW-401", "Authorization header is not specified");
    }
    OAuthSessions.Session session = services.sessions().authenticate(token);
    boolean admin =
        services
            .directory()
            .extension(session.accountId(), session.extensionId())
            .map(Extension::admin)
            .orElse(false);
    return new Caller(
        session.accountId(),
        session.extensionId(),
        session.clientId(),
        session.id(),
        admin,
        session.scopes());
  }

  private void throttle(Route route, HttpCall call) {
    if (route.group() == RateLimitGroup.NONE) {
      return;
    }
    String clientId;
    String userId;
    if (call.caller() != null) {
      clientId = call.caller().clientId();
      userId = call.caller().extensionId();
    } else {
      String subject = services.authSubject().apply(call);
      if (subject == null) {
        return;
      }
      clientId = subject;
      userId = "";
    }
    RateLimits.Verdict verdict = services.rateLimits().admit(clientId, userId, route.group());
    call.header("X-Rate-Limit-Group", verdict.group().headerValue().toLowerCase());
    call.header("X-Rate-Limit-Limit", Integer.toString(verdict.limit()));
    call.header("X-Rate-Limit-Remaining", Integer.toString(verdict.remaining()));
    call.header("X-Rate-Limit-Window", Long.toString(wholeSeconds(verdict.window())));
    if (!verdict.allowed()) {
      throw PlatformError.api(429, "CMN-301", "Request rate exceeded")
          .withHeader("Retry-After", Long.toString(wholeSeconds(verdict.retryAfter())));
    }
  }

  /**
   * Headers count whole seconds; a compressed sub-second window or penalty rounds up to 1 s, never
   * down to 0, which would invite an immediate retry that restarts the penalty.
   */
  private static long wholeSeconds(java.time.Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }

  private static PlatformError injectedStatus(int status) {
    return switch (status) {
      case 401 -> PlatformError.api(401, "TokenInvalid", "OAU-213", "Token not found");
      case 403 ->
          PlatformError.api(
              403,
              "CMN-408",
              "In order to call this API endpoint, user needs to have [ReadMessages] permission");
      case 404 -> PlatformError.api(404, "CMN-102", "Resource is not found");
      case 429 ->
          PlatformError.api(429, "CMN-301", "Request rate exceeded")
              .withHeader("Retry-After", "60");
      case 502, 503, 504 ->
          PlatformError.api(status, "CMN-201", "Service Temporary Unavailable")
              .withHeader("Retry-After", "10");
      default -> PlatformError.api(status, "CMN-500", "Internal Server Error");
    };
  }

  private static PlatformError routeNotFound(HttpCall call) {
    return PlatformError.api(404, "AGW-404", "Resource not found: " + call.path());
  }

  /** The log entry; an {@code access_token} in the query (media host) is redacted. */
  private static LoggedRequest entry(Instant at, HttpCall call, String group) {
    String query = call.rawQuery();
    if (query != null) {
      query = query.replaceAll("(^|&)access_token=[^&]*", "$1access_token=REDACTED");
    }
    Caller caller = call.caller();
    return new LoggedRequest(
        at,
        call.method(),
        call.path(),
        query,
        call.status(),
        group,
        caller == null ? null : caller.accountId(),
        caller == null ? null : caller.extensionId());
  }

  /** Escapes to the JDK server so that it drops the connection without answering. */
  static final class DroppedOnPurpose extends RuntimeException {
    DroppedOnPurpose() {
      super("connection dropped on purpose", null, false, false);
    }
  }
}
