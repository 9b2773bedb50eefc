package dev.faxbridge.emulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * OAuth sessions and their tokens. A session is opened by a grant (JWT, authorization code) and
 * holds exactly one live access token and one live refresh token. Refreshing rotates both: the old
 * access token dies at once; the old refresh token is answered with the same new pair during a
 * short grace, then it is dead. Revoking any token of a session ends the session. Thread-safe (one
 * monitor).
 */
final class OAuthSessions {

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> sessions = new LinkedHashMap<>();
  private final Map<String, Session> byAccessToken = new HashMap<>();
  private final Map<String, Session> byRefreshToken = new HashMap<>();
  private TokenPolicy policy = TokenPolicy.DEFAULTS;

  OAuthSessions(Clock clock) {
    this.clock = clock;
  }

  synchronized TokenPolicy policy() {
    return policy;
  }

  synchronized void policy(TokenPolicy policy) {
    this.policy = policy;
  }

  /**
   * Opens a session for a user of an app and returns its first token pair. When the user already
   * has the maximum of live sessions with this app, the oldest one ends (its tokens then get
   * OAU-213), as on the platform.
   */
  synchronized TokenGrant open(
      AppSpec app,
      String clientId,
      String accountId,
      String extensionId,
      Duration requestedAccess,
      Duration requestedRefresh) {
    Instant now = clock.instant();
    List<Session> live = new ArrayList<>();
    for (Session s : sessions.values()) {
      if (s.clientId.equals(clientId) && s.extensionId.equals(extensionId) && s.alive(now)) {
        live.add(s);
      }
    }
    live.sort(Comparator.comparing(s -> s.createdAt));
    for (int i = 0; i <= live.size() - policy.maxSessionsPerUserAndApp(); i++) {
      end(live.get(i));
    }
    Session session =
        new Session(
            UUID.randomUUID().toString(),
            clientId,
            accountId,
            extensionId,
            now,
            shorter(policy.accessLifetime(), requestedAccess),
            shorter(policy.refreshLifetime(), requestedRefresh),
            app.scopes(),
            app.grants().contains(AppSpec.Grant.REFRESH_TOKEN));
    sessions.put(session.id, session);
    issue(session, now);
    return session.grant(now);
  }

  /** The refresh grant: rotation, single use, grace, expiry. */
  synchronized TokenGrant refresh(String clientId, String refreshToken) {
    Instant now = clock.instant();
    Session session = refreshToken == null ? null : byRefreshToken.get(refreshToken);
    if (session == null || !session.clientId.equals(clientId)) {
      throw PlatformError.oauth(400, "invalid_grant", "OAU-213", "Token not found");
    }
    if (refreshToken.equals(session.previousRefreshToken)) {
      if (session.withinGrace(now, policy)) {
        return session.grant(now);
      }
      byRefreshToken.remove(refreshToken);
      throw PlatformError.oauth(400, "invalid_grant", "OAU-213", "Token not found");
    }
    if (!now.isBefore(session.refreshExpiresAt)) {
      end(session);
      throw PlatformError.oauth(400, "invalid_grant", "OAU-210", "Token expired");
    }
    if (session.previousRefreshToken != null) {
      byRefreshToken.remove(session.previousRefreshToken);
    }
    byAccessToken.remove(session.accessToken);
    session.previousRefreshToken = refreshToken;
    session.rotatedAt = now;
    issue(session, now);
    return session.grant(now);
  }

  /**
   * The caller behind a Bearer token, or the platform's 401: {@code TokenExpired} for an expired
   * access token, {@code TokenInvalid} (OAU-213) for one that was replaced, revoked or never
   * existed.
   */
  synchronized Session authenticate(String accessToken) {
    Instant now = clock.instant();
    Session session = accessToken == null ? null : byAccessToken.get(accessToken);
    if (session == null) {
      throw PlatformError.api(401, "TokenInvalid", "OAU-213", "Token not found");
    }
    if (!now.isBefore(session.accessExpiresAt)) {
      throw PlatformError.api(401, "TokenExpired", "OAU-213", "Access token expired");
    }
    if (session.accessFirstUsedAt == null) {
      session.accessFirstUsedAt = now;
    }
    return session;
  }

  /** RFC 7009 revoke: any access or refresh token of a session ends the whole session. */
  synchronized boolean revoke(String token) {
    Session session = byAccessToken.get(token);
    if (session == null) {
      session = byRefreshToken.get(token);
    }
    if (session == null) {
      return false;
    }
    end(session);
    return true;
  }

  /** Ends every session of a user, e.g. when the user is disabled. */
  synchronized int endSessionsOf(String extensionId) {
    List<Session> ended = new ArrayList<>();
    for (Session s : sessions.values()) {
      if (s.extensionId.equals(extensionId)) {
        ended.add(s);
      }
    }
    ended.forEach(this::end);
    return ended.size();
  }

  /** The extension a live access or refresh token belongs to (for rate limiting). */
  synchronized Optional<String> ownerOf(String token) {
    Session session = byAccessToken.get(token);
    if (session == null) {
      session = byRefreshToken.get(token);
    }
    return Optional.ofNullable(session).map(s -> s.extensionId);
  }

  synchronized Optional<Session> session(String sessionId) {
    return Optional.ofNullable(sessions.get(sessionId));
  }

  private void issue(Session session, Instant now) {
    session.accessToken = newToken("A");
    session.refreshToken = newToken("R");
    session.accessExpiresAt = now.plus(session.accessLifetime);
    session.refreshExpiresAt = now.plus(session.refreshLifetime);
    session.accessFirstUsedAt = null;
    byAccessToken.put(session.accessToken, session);
    byRefreshToken.put(session.refreshToken, session);
  }

  private void end(Session session) {
    sessions.remove(session.id);
    byAccessToken.remove(session.accessToken);
    byRefreshToken.remove(session.refreshToken);
    if (session.previousRefreshToken != null) {
      byRefreshToken.remove(session.previousRefreshToken);
    }
  }

  private String newToken(String kind) {
    byte[] raw = new byte[48];
    random.nextBytes(raw);
    return "U0pDMDFQ" + kind + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  private static Duration shorter(Duration configured, Duration requested) {
    return requested != null && requested.compareTo(configured) < 0 ? requested : configured;
  }

  /** One OAuth session: mutable under the monitor of {@link OAuthSessions}. */
  static final class Session {
    final String id;
    final String clientId;
    final String accountId;
    final String extensionId;
    final Instant createdAt;
    final Duration accessLifetime;
    final Duration refreshLifetime;
    final String endpointId = UUID.randomUUID().toString().replace("-", "").substring(0, 22);
    final Set<String> scopes;
    final boolean refreshIssued;
    String accessToken;
    Instant accessExpiresAt;
    Instant accessFirstUsedAt;
    String refreshToken;
    Instant refreshExpiresAt;
    String previousRefreshToken;
    Instant rotatedAt;

    Session(
        String id,
        String clientId,
        String accountId,
        String extensionId,
        Instant createdAt,
        Duration accessLifetime,
        Duration refreshLifetime,
        Set<String> scopes,
        boolean refreshIssued) {
      this.scopes = scopes;
      this.refreshIssued = refreshIssued;
      this.id = id;
      this.clientId = clientId;
      this.accountId = accountId;
      this.extensionId = extensionId;
      this.createdAt = createdAt;
      this.accessLifetime = accessLifetime;
      this.refreshLifetime = refreshLifetime;
    }

    String id() {
      return id;
    }

    String clientId() {
      return clientId;
    }

    String accountId() {
      return accountId;
    }

    String extensionId() {
      return extensionId;
    }

    boolean alive(Instant now) {
      return (refreshIssued && now.isBefore(refreshExpiresAt)) || now.isBefore(accessExpiresAt);
    }

    Set<String> scopes() {
      return scopes;
    }

    boolean withinGrace(Instant now, TokenPolicy policy) {
      Instant until =
          accessFirstUsedAt == null
              ? rotatedAt.plus(policy.unusedRefreshGrace())
              : accessFirstUsedAt.plus(policy.refreshGrace());
      return now.isBefore(until) && now.isBefore(accessExpiresAt);
    }

    TokenGrant grant(Instant now) {
      return new TokenGrant(
          accessToken,
          Math.max(0, Duration.between(now, accessExpiresAt).toSeconds()),
          refreshIssued ? refreshToken : null,
          Math.max(0, Duration.between(now, refreshExpiresAt).toSeconds()),
          String.join(" ", scopes.stream().sorted().toList()),
          extensionId,
          endpointId,
          id);
    }
  }
}
