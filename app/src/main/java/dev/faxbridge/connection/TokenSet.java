package dev.faxbridge.connection;

import java.time.Duration;
import java.time.Instant;

/**
 * The tokens of a connection. {@link #toString()} never shows them.
 *
 * @param refreshExpiresAt null when the provider issued no refresh token
 */
public record TokenSet(
    String accessToken,
    String refreshToken,
    Instant issuedAt,
    Instant accessExpiresAt,
    Instant refreshExpiresAt) {

  /** Whether the access token is still good for at least {@code margin} at {@code now}. */
  public boolean accessUsableAt(Instant now, Duration margin) {
    return accessExpiresAt.minus(margin).isAfter(now);
  }

  @Override
  public String toString() {
    return "TokenSet[issuedAt="
        + issuedAt
        + ", accessExpiresAt="
        + accessExpiresAt
        + ", refreshExpiresAt="
        + refreshExpiresAt
        + "]";
  }
}
