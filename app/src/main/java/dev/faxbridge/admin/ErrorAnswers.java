package dev.faxbridge.admin;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The servlet container's error page, for what no controller answered: a path nothing handles, a
 * method the path does not take, an error outside Spring MVC. It answers problem details like every
 * other error, and a plain page to a browser that asks for HTML; it says the status, never the
 * exception's message.
 */
@RestController
class ErrorAnswers implements ErrorController {

  @RequestMapping("/error")
  ResponseEntity<ProblemDetail> problem(HttpServletRequest request) {
    HttpStatus status = status(request);
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemDetail.forStatusAndDetail(status, detail(status)));
  }

  @RequestMapping(value = "/error", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> page(HttpServletRequest request) {
    HttpStatus status = status(request);
    String title = status.value() + " " + HtmlUtils.htmlEscape(status.getReasonPhrase());
    return ResponseEntity.status(status)
        .contentType(MediaType.TEXT_HTML)
        .body(
            "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>"
                + title
                + "</title><h1>"
                + title
                + "</h1><p>"
                + HtmlUtils.htmlEscape(detail(status))
                + "</p></html>");
  }

  private static HttpStatus status(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    return code instanceof Integer value && HttpStatus.resolve(value) != null
        ? HttpStatus.valueOf(value)
        : HttpStatus.INTERNAL_SERVER_ERROR;
  }

  private static String detail(HttpStatus status) {
    return switch (status) {
      case NOT_FOUND -> "Nothing answers this path; the operator API is described at /v3/api-docs";
      case METHOD_NOT_ALLOWED -> "This path does not take this method (see the Allow header)";
      case UNSUPPORTED_MEDIA_TYPE -> "Send the body as application/json";
      default ->
          status.is5xxServerError()
              ? "faxbridge could not answer this request; this node's log names the cause"
              : "The request could not be answered: " + status.getReasonPhrase();
    };
  }
}
