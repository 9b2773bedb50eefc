package dev.faxbridge.connection;

/**
 * A credential or sign-in that cannot be used, with a message for the person at hand saying what is
 * wrong and what to do. Carries no secret.
 */
public class AuthorizationRefused extends RuntimeException {

  private final String reason;

  public AuthorizationRefused(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** A short code: OAU-xxx, not-a-jwt, wrong-environment, expired, not-admin, ... */
  public String reason() {
    return reason;
  }
}
