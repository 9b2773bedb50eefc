package dev.faxbridge.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Unguessable tokens (connect links, OAuth state, PKCE verifiers, operator API tokens) and the
 * fingerprint under which they are stored: a token is never kept in the clear, only its SHA-256,
 * which is enough for 256 random bits (no dictionary to try).
 */
public final class RandomTokens {

  private static final SecureRandom RANDOM = new SecureRandom();

  private RandomTokens() {}

  /** 256 random bits, base64url without padding (43 characters, safe in URLs). */
  public static String newToken() {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  /** The SHA-256 of the token, hex. */
  public static String fingerprint(String token) {
    return HexFormat.of().formatHex(sha256(token));
  }

  /** The PKCE S256 challenge of a verifier (RFC 7636): base64url(SHA-256(verifier)). */
  public static String s256Challenge(String verifier) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
