package dev.faxbridge.admin;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Operator accounts and their API tokens. A new token is in the answer once, never again. */
@RestController
@RequestMapping("/api/operators")
class OperatorApi {

  private final Operators operators;
  private final AuditTrail audit;

  OperatorApi(Operators operators, AuditTrail audit) {
    this.operators = operators;
    this.audit = audit;
  }

  record NewOperator(String username, String password) {
    @Override
    public String toString() {
      return "NewOperator[username=" + username + "]";
    }
  }

  record NewToken(String name) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, String> create(@RequestBody NewOperator request) {
    operators.create(request.username(), request.password());
    audit.record(
        AuditKind.OPERATOR_CREATED,
        AuditActor.current(),
        null,
        null,
        null,
        Map.of("username", request.username()));
    return Map.of("username", request.username());
  }

  @PostMapping("/{username}/tokens")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, String> createToken(@PathVariable String username, @RequestBody NewToken request) {
    String actor = AuditActor.current();
    if (!actor.equals(OperatorTokens.BOOTSTRAP) && !actor.equals(username)) {
      throw new IllegalArgumentException("An operator may create API tokens for itself only");
    }
    String token = operators.createToken(username, request.name());
    audit.record(
        AuditKind.OPERATOR_TOKEN_CREATED,
        actor,
        null,
        null,
        null,
        Map.of("username", username, "name", String.valueOf(request.name())));
    return Map.of(
        "username", username,
        "token", token,
        "note",
            "Store this token now: faxbridge keeps only its fingerprint and cannot show it again");
  }
}
