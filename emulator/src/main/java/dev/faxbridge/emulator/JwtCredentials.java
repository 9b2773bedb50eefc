package dev.faxbridge.emulator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * JWT credentials as a user creates them in the developer console: signed by the platform, owned by
 * one extension, optionally restricted to one client id, optionally expiring, revocable. Only the
 * platform can verify them (HS256 with a key that never leaves this object).
 */
final class JwtCredentials {

  private final byte[] key = new byte[32];
  private final Map<String, Credential> credentials = new LinkedHashMap<>();

  JwtCredentials() {
    new SecureRandom().nextBytes(key);
  }

  /** Credentials signed with a given key, so that credentials survive a restart. */
  JwtCredentials(byte[] key) {
    System.arraycopy(key, 0, this.key, 0, this.key.length);
  }

  /** Takes back a credential issued before a restart; false if it was not signed with our key. */
  synchronized boolean adopt(
      String jwt, String accountId, String extensionId, String clientId, Instant expiresAt) {
    String id;
    try {
      id = idOf(jwt);
    } catch (PlatformError e) {
      return false;
    }
    credentials.put(id, new Credential(id, accountId, extensionId, clientId, expiresAt, false));
    return true;
  }

  /** What the platform knows about a credential; {@code clientId} null means any app. */
  record Credential(
      String id,
      String accountId,
      String extensionId,
      String clientId,
      Instant expiresAt,
      boolean revoked) {

    Credential revoke() {
      return new Credential(id, accountId, extensionId, clientId, expiresAt, true);
    }
  }

  synchronized String issue(
      String accountId,
      String extensionId,
      String clientId,
      Instant issuedAt,
      Instant expiresAt,
      String issuer) {
    String id = UUID.randomUUID().toString();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .jwtID(id)
            .subject(extensionId)
            .issuer(issuer)
            .audience(issuer + "/restapi/oauth/token")
            .issueTime(Date.from(issuedAt))
            .claim("account_id", accountId);
    if (expiresAt != null) {
      claims.expirationTime(Date.from(expiresAt));
    }
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
    try {
      jwt.sign(new MACSigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a JWT credential", e);
    }
    credentials.put(id, new Credential(id, accountId, extensionId, clientId, expiresAt, false));
    return jwt.serialize();
  }

  /**
   * The credential behind an assertion, checked for signature, revocation, expiry and client
   * restriction. Failures are the token endpoint's {@code invalid_grant} answers.
   */
  synchronized Credential verify(String assertion, String clientId, Instant now) {
    Credential credential = credentials.get(idOf(assertion));
    if (credential == null || credential.revoked()) {
      throw invalidCredentials();
    }
    if (credential.expiresAt() != null && !now.isBefore(credential.expiresAt())) {
      throw PlatformError.oauth(400, "invalid_grant", "OAU-210", "Token expired");
    }
    if (credential.clientId() != null && !credential.clientId().equals(clientId)) {
      throw PlatformError.oauth(
          400, "unauthorized_client", "OAU-251", "Unauthorized for this grant type");
    }
    return credential;
  }

  /** Revokes the credential of this JWT; true if it existed and was active. */
  synchronized boolean revoke(String jwt) {
    String id;
    try {
      id = idOf(jwt);
    } catch (PlatformError e) {
      return false;
    }
    Credential credential = credentials.get(id);
    if (credential == null || credential.revoked()) {
      return false;
    }
    credentials.put(id, credential.revoke());
    return true;
  }

  private String idOf(String assertion) {
    try {
      SignedJWT jwt = SignedJWT.parse(assertion);
      if (!jwt.verify(new MACVerifier(key))) {
        throw invalidCredentials();
      }
      String id = jwt.getJWTClaimsSet().getJWTID();
      if (id == null) {
        throw invalidCredentials();
      }
      return id;
    } catch (ParseException | JOSEException | IllegalStateException e) {
      throw invalidCredentials();
    }
  }

  private static PlatformError invalidCredentials() {
    return PlatformError.oauth(
        401, "invalid_grant", "OAU-140", "Invalid resource owner credentials");
  }
}
