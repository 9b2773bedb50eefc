package dev.faxbridge.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Authorization codes of the auth-code flow: single use, 60 s lifetime, bound to the app and the
 * redirect URI, with an optional PKCE challenge ({@code S256} or {@code plain}, plain when the
 * method is omitted, as the guide says). Thread-safe.
 */
final class AuthorizationCodes {

  static final Duration LIFETIME = Duration.ofSeconds(60);

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Issued> codes = new HashMap<>();

  AuthorizationCodes(Clock clock) {
    this.clock = clock;
  }

  /** The user and account a redeemed code stands for. */
  record Redeemed(String accountId, String extensionId) {}

  private record Issued(
      String clientId,
      String accountId,
      String extensionId,
      String redirectUri,
      String challenge,
      String method,
      Instant expiresAt) {}

  synchronized String issue(
      String clientId,
      String accountId,
      String extensionId,
      String redirectUri,
      String challenge,
      String method) {
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String code = "U0pDMTFD" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    codes.put(
        code,
        new Issued(
            clientId,
            accountId,
            extensionId,
            redirectUri,
            challenge,
            method == null ? "plain" : method,
            clock.instant().plus(LIFETIME)));
    return code;
  }

  /** The extension a pending code was issued for (for rate limiting). */
  synchronized java.util.Optional<String> ownerOf(String code) {
    return java.util.Optional.ofNullable(codes.get(code)).map(Issued::extensionId);
  }

  /** Consumes a code; any failure is the platform's 403/400 answer for that case. */
  synchronized Redeemed redeem(String clientId, String code, String redirectUri, String verifier) {
    Issued issued = code == null ? null : codes.remove(code);
    if (issued == null) {
      throw PlatformError.oauth(403, "invalid_grant", "OAU-106", "Invalid authorization code");
    }
    if (!issued.clientId().equals(clientId)) {
      throw PlatformError.oauth(
          403, "invalid_grant", "OAU-110", "Authorization code was not issued for this app");
    }
    if (!clock.instant().isBefore(issued.expiresAt())) {
      throw PlatformError.oauth(403, "invalid_grant", "OAU-108", "Authorization code expired");
    }
    if (!issued.redirectUri().equals(redirectUri)) {
      throw PlatformError.oauth(403, "invalid_grant", "OAU-109", "Redirect URIs do not match");
    }
    if (issued.challenge() != null && !matches(issued, verifier)) {
      throw PlatformError.oauth(400, "invalid_grant", "OAU-111", "Invalid code verifier");
    }
    return new Redeemed(issued.accountId(), issued.extensionId());
  }

  private static boolean matches(Issued issued, String verifier) {
    if (verifier == null || verifier.isEmpty()) {
      return false;
    }
    if (issued.method().equals("plain")) {
      return MessageDigest.isEqual(
          verifier.getBytes(StandardCharsets.US_ASCII),
          issued.challenge().getBytes(StandardCharsets.US_ASCII));
    }
    return MessageDigest.isEqual(
        s256(verifier).getBytes(StandardCharsets.US_ASCII),
        issued.challenge().getBytes(StandardCharsets.US_ASCII));
  }

  static String s256(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
