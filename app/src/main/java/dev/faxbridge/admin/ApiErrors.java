package dev.faxbridge.admin;

import dev.faxbridge.connection.AuthorizationRefused;
import dev.faxbridge.provider.ProviderException;
import dev.faxbridge.tenant.Tenants;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns expected failures into problem answers that say what is wrong and what to do. */
@RestControllerAdvice
class ApiErrors {

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail badRequest(IllegalArgumentException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(Tenants.TenantNotFound.class)
  ProblemDetail notFound(RuntimeException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
  }

  @ExceptionHandler(Tenants.TenantAlreadyExists.class)
  ProblemDetail conflict(RuntimeException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
  }

  @ExceptionHandler(AuthorizationRefused.class)
  ProblemDetail refused(RuntimeException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
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
}
