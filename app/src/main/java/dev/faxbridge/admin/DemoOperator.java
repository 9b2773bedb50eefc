package dev.faxbridge.admin;

import dev.faxbridge.platform.RandomTokens;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Demo mode only: when no operator exists yet, creates the operator {@code demo} with a generated
 * password and API token and prints them once on the console (never into the log), so a newcomer
 * can call the API without configuring anything. Absent from the production jar, which has no demo.
 */
@Component
@ConditionalOnClass(name = "dev.faxbridge.demo.DemoSettings")
class DemoOperator {

  private final Operators operators;
  private final Environment environment;

  DemoOperator(Operators operators, Environment environment) {
    this.operators = operators;
    this.environment = environment;
  }

  @EventListener(ApplicationReadyEvent.class)
  void createWhenDemo() {
    if (!environment.getProperty("faxbridge.demo.enabled", Boolean.class, false)
        || operators.any()) {
      return;
    }
    String password = RandomTokens.newToken().substring(0, 24);
    operators.create("demo", password);
    String token = operators.createToken("demo", "demo");
    System.out.println(
        """

        ==================================================================
         faxbridge demo: operator account created (shown this once only)
           user name: demo
           password:  %s
           API token: %s
         e.g. curl -H 'Authorization: Bearer %s' http://localhost:8080/api/tenants
        ==================================================================
        """
            .formatted(password, token, token));
  }
}
