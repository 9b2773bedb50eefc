package dev.faxbridge.admin;

/**
 * The item an operator named does not exist: answered 404 with problem details by {@link
 * ApiErrors}. Any controller throws it; the message says what was not found, never PHI or a secret.
 */
public final class NotFound extends RuntimeException {

  public NotFound(String message) {
    super(message);
  }
}
