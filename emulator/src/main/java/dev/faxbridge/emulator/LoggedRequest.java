package dev.faxbridge.emulator;

import java.time.Instant;

/**
 * One request as received on either listener, with the status it got (0: the connection was
 * dropped). {@code rateLimitGroup} is the platform group name ({@code Light}, {@code Medium},
 * {@code Heavy}, {@code Auth}) or {@code NoThrottling}; {@code query} is the raw query string or
 * null, with any {@code access_token} redacted. {@code accountId} and {@code extensionId} are the
 * authenticated caller's (null when the request carried no valid access token), so tests can tell
 * tenants apart even when paths use {@code ~}. No headers and no bodies are logged.
 */
public record LoggedRequest(
    Instant at,
    String method,
    String path,
    String query,
    int status,
    String rateLimitGroup,
    String accountId,
    String extensionId) {

  /** Whether the authenticated caller belonged to this account. */
  public boolean byAccount(String id) {
    return id.equals(accountId);
  }
}
