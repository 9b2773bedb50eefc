package dev.faxbridge.admin;

import dev.faxbridge.connection.AuthorizationRefused;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.delivery.routing.RoutingRules;
import dev.faxbridge.delivery.routing.TenantDestinations;
import dev.faxbridge.provider.ProviderException;
import dev.faxbridge.sync.SourceRetirement;
import dev.faxbridge.tenant.Tenants;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Every error of the operator API as problem details (RFC 9457, {@code application/problem+json}),
 * in one place, for every {@code @RestController} (pages of {@code @Controller}s answer their own
 * errors in HTML): Spring MVC's own failures (malformed JSON, a missing or wrong content type, an
 * unknown path, a method the path does not take, a parameter of the wrong type) through {@link
 * ResponseEntityExceptionHandler}, the domain's expected failures below, and anything unexpected as
 * a 500 that names no internals. The security chain's 401 and 403 are written in the same shape by
 * {@link ProblemResponses}; an error that reaches the servlet container's error page by {@link
 * ErrorAnswers}.
 *
 * <p>A controller answers 404 by throwing {@link NotFound} (or a domain "not found" mapped here),
 * 409 by throwing {@link Conflict}, 400 by throwing {@link IllegalArgumentException} with a message
 * that says what is wrong. Messages never carry PHI or secrets.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiErrors extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail badRequest(IllegalArgumentException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler({
    NotFound.class,
    Tenants.TenantNotFound.class,
    Connections.ConnectionNotFound.class,
    TenantDestinations.UnknownDestination.class,
    RoutingRules.UnknownRule.class
  })
  ProblemDetail notFound(RuntimeException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
  }

  @ExceptionHandler({
    Tenants.TenantAlreadyExists.class,
    Tenants.TenantOffboarded.class,
    TenantDestinations.NameTaken.class
  })
  ProblemDetail conflict(RuntimeException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
  }

  @ExceptionHandler(Conflict.class)
  ProblemDetail conflict(Conflict e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    e.properties().forEach(problem::setProperty);
    return problem;
  }

  @ExceptionHandler(SourceRetirement.NotDrained.class)
  ProblemDetail notDrained(SourceRetirement.NotDrained e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    e.facts().forEach(problem::setProperty);
    return problem;
  }

  @ExceptionHandler(DuplicateKeyException.class)
  ProblemDetail duplicate(DuplicateKeyException e) {
    return ProblemDetail.forStatusAndDetail(
        HttpStatus.CONFLICT, "That already exists; it was not created again");
  }

  @ExceptionHandler(AuthorizationRefused.class)
  ProblemDetail refused(RuntimeException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
  }

  @ExceptionHandler(AccessDeniedException.class)
  ProblemDetail forbidden(AccessDeniedException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
  }

  @ExceptionHandler(ProviderException.Misconfigured.class)
  ProblemDetail misconfigured(RuntimeException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, e.getMessage());
  }

  @ExceptionHandler(IllegalStateException.class)
  ProblemDetail unavailableConfiguration(IllegalStateException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
  }

  @ExceptionHandler(ProviderException.class)
  ProblemDetail providerDown(ProviderException e) {
    return ProblemDetail.forStatusAndDetail(
        HttpStatus.BAD_GATEWAY, e.getMessage() + ". Try again in a minute.");
  }

  /** A failure nobody expected: logged with its cause, answered without internals. */
  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    log.error("Operator API call failed", e);
    return ProblemDetail.forStatusAndDetail(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "faxbridge could not answer this request; this node's log names the cause");
  }

  /** Never echoes the body: it may hold a credential. Says where parsing stopped, if it knows. */
  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    String where = "";
    if (e.getCause() instanceof JacksonException json) {
      String path =
          json.getPath().stream()
              .map(
                  reference ->
                      reference.getPropertyName() != null
                          ? reference.getPropertyName()
                          : "[" + reference.getIndex() + "]")
              .collect(Collectors.joining("."));
      if (!path.isEmpty()) {
        where = " (at \"" + path + "\")";
      } else if (json.getLocation() != null && json.getLocation().getLineNr() > 0) {
        where =
            " (line "
                + json.getLocation().getLineNr()
                + ", column "
                + json.getLocation().getColumnNr()
                + ")";
      }
    }
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            "The request body is missing, is not JSON, or does not have the shape this call takes"
                + where
                + "; see the OpenAPI description at /v3/api-docs");
    return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
  }
}
