package dev.faxbridge.console;

import dev.faxbridge.provider.ProviderException;
import dev.faxbridge.tenant.Tenants;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.time.Clock;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ResponseStatusException;

/**
 * What every console page has (the signed-in operator, {@link ConsoleTime}), and how the console
 * answers a request it cannot do: a page saying why, never the API's JSON problem body.
 */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleModel {

  private final ConsoleTime time;

  ConsoleModel(Clock clock) {
    this.time = new ConsoleTime(clock);
  }

  @ModelAttribute
  void common(Model model, Principal principal) {
    model.addAttribute("time", time);
    model.addAttribute("operator", principal == null ? null : principal.getName());
  }

  @ExceptionHandler(Tenants.TenantNotFound.class)
  String unknownClinic(
      RuntimeException e, Model model, HttpServletRequest request, HttpServletResponse response) {
    return problem(model, request, response, HttpServletResponse.SC_NOT_FOUND, "No such clinic", e);
  }

  @ExceptionHandler(ResponseStatusException.class)
  String status(
      ResponseStatusException e,
      Model model,
      HttpServletRequest request,
      HttpServletResponse response) {
    model.addAttribute("title", e.getStatusCode().value() == 404 ? "Not found" : "Not possible");
    model.addAttribute("detail", e.getReason());
    response.setStatus(e.getStatusCode().value());
    page(model, request);
    return "console/problem";
  }

  @ExceptionHandler(Tenants.TenantAlreadyExists.class)
  String duplicate(
      RuntimeException e, Model model, HttpServletRequest request, HttpServletResponse response) {
    return problem(model, request, response, HttpServletResponse.SC_CONFLICT, "Already there", e);
  }

  @ExceptionHandler(ProviderException.Misconfigured.class)
  String misconfigured(
      RuntimeException e, Model model, HttpServletRequest request, HttpServletResponse response) {
    return problem(
        model,
        request,
        response,
        HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
        "faxbridge's app",
        e);
  }

  @ExceptionHandler(ProviderException.class)
  String providerDown(
      RuntimeException e, Model model, HttpServletRequest request, HttpServletResponse response) {
    return problem(
        model,
        request,
        response,
        HttpServletResponse.SC_BAD_GATEWAY,
        "RingCentral did not answer",
        e);
  }

  @ExceptionHandler(IllegalArgumentException.class)
  String badRequest(
      RuntimeException e, Model model, HttpServletRequest request, HttpServletResponse response) {
    return problem(
        model, request, response, HttpServletResponse.SC_BAD_REQUEST, "That did not work", e);
  }

  private String problem(
      Model model,
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      String title,
      RuntimeException e) {
    response.setStatus(status);
    model.addAttribute("title", title);
    model.addAttribute("detail", e.getMessage());
    page(model, request);
    return "console/problem";
  }

  /** An exception handler's model starts empty: what {@link #common} gives every page. */
  private void page(Model model, HttpServletRequest request) {
    common(model, request.getUserPrincipal());
  }
}
