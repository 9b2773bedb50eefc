package dev.faxbridge.admin;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator accounts and their API tokens. A new token is in the answer once, never again. Any
 * operator may list and revoke accounts and tokens (revoking protects); the last account cannot be
 * revoked. Revocation takes effect with the next request: every request checks its credential
 * against the database.
 */
@RestController
@RequestMapping("/api/operators")
@Tag(name = "Operators")
class OperatorApi {

  private final Operators operators;
  private final AuditTrail audit;

  OperatorApi(Operators operators, AuditTrail audit) {
    this.operators = operators;
    this.audit = audit;
  }

  /**
   * @param username 2 to 63 lower-case letters, digits, '.', '_' or '-'
   * @param password 12 to 72 characters
   */
  record NewOperator(String username, String password) {
    @Override
    public String toString() {
      return "NewOperator[username=" + username + "]";
    }
  }

  record NewToken(String name) {}

  record OperatorView(String username) {}

  /**
   * @param token shown this once: faxbridge keeps only its fingerprint
   */
  record CreatedToken(String username, String token, String note) {
    @Override
    public String toString() {
      return "CreatedToken[username=" + username + "]";
    }
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Create an operator account")
  @ApiResponse(responseCode = "201", description = "Created")
  @ApiResponse(responseCode = "409", description = "The user name is taken")
  OperatorView create(@RequestBody NewOperator request) {
    operators.create(request.username(), request.password());
    audit.record(
        AuditKind.OPERATOR_CREATED,
        AuditActor.current(),
        null,
        null,
        null,
        Map.of("username", request.username()));
    return new OperatorView(request.username());
  }

  @GetMapping
  @Operation(summary = "Operator accounts with how many live tokens each has")
  List<Operators.Account> list() {
    return operators.all();
  }

  @DeleteMapping("/{username}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Revoke an operator account and all its tokens, at once; audited")
  @ApiResponse(responseCode = "204", description = "Revoked")
  @ApiResponse(responseCode = "409", description = "It is the last operator account")
  void revoke(@PathVariable String username) {
    operators.revoke(username);
    audit.record(
        AuditKind.OPERATOR_REVOKED,
        AuditActor.current(),
        null,
        null,
        null,
        Map.of("username", username));
  }

  @PostMapping("/{username}/tokens")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Create an API token for yourself (the bootstrap token: for anyone)")
  @ApiResponse(responseCode = "201", description = "Created; the token is shown this once")
  CreatedToken createToken(@PathVariable String username, @RequestBody NewToken request) {
    String actor = AuditActor.current();
    if (!actor.equals(OperatorTokens.BOOTSTRAP) && !actor.equals(username)) {
      throw new AccessDeniedException("An operator may create API tokens for itself only");
    }
    String token = operators.createToken(username, request.name());
    audit.record(
        AuditKind.OPERATOR_TOKEN_CREATED,
        actor,
        null,
        null,
        null,
        Map.of("username", username, "name", String.valueOf(request.name())));
    return new CreatedToken(
        username,
        token,
        "Store this token now: faxbridge keeps only its fingerprint and cannot show it again");
  }

  @GetMapping("/{username}/tokens")
  @Operation(summary = "An operator's API tokens: names and dates, never the tokens")
  List<Operators.Token> tokens(@PathVariable String username) {
    return operators.tokens(username);
  }

  @DeleteMapping("/{username}/tokens/{tokenId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Revoke an API token, at once; audited")
  @ApiResponse(responseCode = "204", description = "Revoked")
  @ApiResponse(responseCode = "409", description = "Revoked already")
  void revokeToken(@PathVariable String username, @PathVariable String tokenId) {
    operators.revokeToken(username, tokenId);
    audit.record(
        AuditKind.OPERATOR_TOKEN_REVOKED,
        AuditActor.current(),
        null,
        null,
        null,
        Map.of("username", username, "tokenId", tokenId));
  }
}
