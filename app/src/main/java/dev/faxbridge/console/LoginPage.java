package dev.faxbridge.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's login page, the one console path open to everyone. The form posts to the same path,
 * where Spring Security checks the operator's user name and password ({@code
 * admin.ConsoleSecurity}).
 */
@Controller
class LoginPage {

  @GetMapping("/console/login")
  String login() {
    return "console/login";
  }
}
