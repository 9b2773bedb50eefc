package dev.faxbridge.console;

import dev.faxbridge.tenant.Tenants;
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
  String unknownClinic(RuntimeException e, Model model, HttpServletResponse response) {
    return problem(model, response, HttpServletResponse.SC_NOT_FOUND, "No such clinic", e);
  }

  @ExceptionHandler(ResponseStatusException.class)
  String status(ResponseStatusException e, Model model, HttpServletResponse response) {
    model.addAttribute("title", e.getStatusCode().value() == 404 ? "Not found" : "Not possible");
    model.addAttribute("detail", e.getReason());
    response.setStatus(e.getStatusCode().value());
    return "console/problem";
  }

  @ExceptionHandler(IllegalArgumentException.class)
  String badRequest(RuntimeException e, Model model, HttpServletResponse response) {
    return problem(model, response, HttpServletResponse.SC_BAD_REQUEST, "That did not work", e);
  }

  private String problem(
      Model model, HttpServletResponse response, int status, String title, RuntimeException e) {
    response.setStatus(status);
    model.addAttribute("title", title);
    model.addAttribute("detail", e.getMessage());
    model.addAttribute("time", time);
    return "console/problem";
  }
}
