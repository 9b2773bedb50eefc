package dev.faxbridge.provider;

import java.time.Duration;

/**
 * A provider call that did not succeed, by what the caller should do about it. Messages carry ids
 * and statuses, never tokens, credentials or phone numbers.
 */
public abstract sealed class ProviderException extends RuntimeException {

  private ProviderException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Try again later: timeouts, resets, 5xx, malformed or truncated answers. */
  public static non-sealed class Unavailable extends ProviderException {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }

    public Unavailable(String message) {
      super(message, null);
    }
  }

  /** The connection's authorization is gone for good; only a clinic admin can restore it. */
  public static final class AuthorizationRevoked extends ProviderException {
    private final String providerCode;

    public AuthorizationRevoked(String message, String providerCode) {
      super(message, null);
      this.providerCode = providerCode;
    }

    public String providerCode() {
      return providerCode;
    }
  }

  /** The provider's rate limit was hit; nothing may be sent to it before {@code retryAfter}. */
  public static final class RateLimited extends ProviderException {
    private final Duration retryAfter;

    public RateLimited(String message, Duration retryAfter) {
      super(message, null);
      this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
      return retryAfter;
    }
  }

  /** The thing asked for no longer exists at the provider (a purged fax); retrying cannot help. */
  public static final class Gone extends ProviderException {
    public Gone(String message) {
      super(message, null);
    }
  }

  /** faxbridge's own configuration is wrong (for example the app's client id); fix, then retry. */
  public static final class Misconfigured extends ProviderException {
    public Misconfigured(String message) {
      super(message, null);
    }
  }
}
