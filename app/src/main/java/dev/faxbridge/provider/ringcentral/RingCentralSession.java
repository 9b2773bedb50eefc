package dev.faxbridge.provider.ringcentral;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.connection.AuthorizationHealth;
import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.connection.TokenSet;
import dev.faxbridge.provider.ProviderException;
import dev.faxbridge.tenant.Tenants;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a connection's access token valid: renews it shortly before expiry under the connection's
 * token lock (so one node refreshes, the others re-read), by refresh token when there is one and by
 * re-exchanging the JWT credential when there is no usable refresh token. A permanent refusal marks
 * the connection NEEDS_REAUTHORIZATION (announced once, see {@link AuthorizationHealth}); transient
 * failures (timeouts, 5xx, 429, the Auth lane full) leave it as it is.
 *
 * <p>Renewals are spread: each connection renews at its own point between half its access token's
 * life and {@code token-refresh-margin} before expiry (fixed per connection, see {@link #renewAt}),
 * so thousands of tokens issued in the same minute (a migration wave, a restart after an outage)
 * are renewed across half an hour instead of all at once. Every token call is paced by the user's
 * Auth lane, which the platform counts per app and user.
 */
class RingCentralSession {

  private static final Logger log = LoggerFactory.getLogger(RingCentralSession.class);
  private static final String ACTOR = "faxbridge";

  private final RingCentralClient client;
  private final Connections connections;
  private final AuthorizationHealth health;
  private final AuditTrail audit;
  private final RingCentralSettings settings;
  private final RateLimitBudget budget;
  private final Tenants tenants;
  private final Clock clock;

  /**
   * The tokens this node last read or issued per connection, so a call does not read and unseal
   * them from the database while they are good; a token another node replaced meanwhile is still
   * valid, and one the platform refuses is renewed from the database under the lock.
   */
  private final Map<ConnectionId, TokenSet> known = new java.util.concurrent.ConcurrentHashMap<>();

  RingCentralSession(
      RingCentralClient client,
      Connections connections,
      AuthorizationHealth health,
      AuditTrail audit,
      RingCentralSettings settings,
      RateLimitBudget budget,
      Tenants tenants,
      Clock clock) {
    this.client = client;
    this.connections = connections;
    this.health = health;
    this.audit = audit;
    this.settings = settings;
    this.budget = budget;
    this.tenants = tenants;
    this.clock = clock;
  }

  /**
   * Runs {@code call} with a valid access token; when the platform rejects the token (HTTP 401),
   * renews it once and runs {@code call} again.
   */
  <T> T withAccessToken(ProviderConnection connection, Function<String, T> call) {
    String token = accessToken(connection);
    try {
      return call.apply(token);
    } catch (RingCentralClient.TokenRejected rejected) {
      log.info("Connection {}: access token rejected, renewing once", connection.id());
      return call.apply(renew(connection, Optional.of(token)));
    }
  }

  String accessToken(ProviderConnection connection) {
    TokenSet held = known.get(connection.id());
    if (held != null && clock.instant().isBefore(renewAt(connection, held))) {
      return held.accessToken();
    }
    Optional<TokenSet> current = connections.tokens(connection.id());
    if (current.isPresent() && clock.instant().isBefore(renewAt(connection, current.get()))) {
      known.put(connection.id(), current.get());
      return current.get().accessToken();
    }
    return renew(connection, Optional.empty());
  }

  /**
   * Refreshes the connection's tokens if its refresh token has not been used since {@code
   * unusedSince} (re-checked under the lock, so a refresh another node just made is not repeated).
   * Returns whether a refresh call was made.
   */
  boolean keepAlive(ProviderConnection connection, Instant unusedSince) {
    boolean[] refreshed = {false};
    guarded(
        connection,
        () ->
            connections.underTokenLock(
                connection.id(),
                current -> {
                  boolean idle =
                      current.isPresent()
                          && current.get().refreshToken() != null
                          && !current.get().issuedAt().isAfter(unusedSince);
                  if (!idle) {
                    return current.orElseThrow();
                  }
                  refreshed[0] = true;
                  return issue(connection, current);
                }));
    return refreshed[0];
  }

  /**
   * Renews the tokens under the row lock. {@code rejected} is the access token a call just saw
   * refused; if another caller already replaced it, the replacement is used as it is.
   */
  private String renew(ProviderConnection connection, Optional<String> rejected) {
    known.remove(connection.id());
    TokenSet renewed =
        guarded(
            connection,
            () ->
                connections.underTokenLock(
                    connection.id(),
                    current -> {
                      boolean stillGood =
                          current.isPresent()
                              && clock.instant().isBefore(renewAt(connection, current.get()))
                              && rejected
                                  .map(r -> !r.equals(current.get().accessToken()))
                                  .orElse(true);
                      if (stillGood) {
                        return current.get();
                      }
                      return issue(connection, current);
                    }));
    known.put(connection.id(), renewed);
    return renewed.accessToken();
  }

  /**
   * When this connection renews these tokens: at a point fixed per connection between half the
   * access token's life and {@code token-refresh-margin} before it expires (at that latest point
   * when the life is shorter than twice the margin).
   */
  Instant renewAt(ProviderConnection connection, TokenSet tokens) {
    return renewAt(connection.id(), tokens, settings.tokenRefreshMargin());
  }

  /** See {@link #renewAt(ProviderConnection, TokenSet)}. */
  static Instant renewAt(ConnectionId connection, TokenSet tokens, Duration margin) {
    Instant latest = tokens.accessExpiresAt().minus(margin);
    Instant earliest =
        tokens
            .issuedAt()
            .plus(Duration.between(tokens.issuedAt(), tokens.accessExpiresAt()).dividedBy(2));
    if (!earliest.isBefore(latest)) {
      return latest;
    }
    long span = Duration.between(earliest, latest).toMillis();
    long share = Math.floorMod(connection.value().getLeastSignificantBits(), 1_000_003L);
    return earliest.plusMillis(span * share / 1_000_003L);
  }

  /** Runs a token operation; a permanent refusal marks the connection before it propagates. */
  private TokenSet guarded(
      ProviderConnection connection, java.util.function.Supplier<TokenSet> operation) {
    try {
      return operation.get();
    } catch (ProviderException.AuthorizationRevoked revoked) {
      audit.record(
          AuditKind.TOKEN_FAILED,
          ACTOR,
          connection.tenantId().value(),
          connection.id().value(),
          null,
          Map.of("outcome", "refused", "providerCode", String.valueOf(revoked.providerCode())));
      health.lost(connection, String.valueOf(revoked.providerCode()), ACTOR);
      throw revoked;
    }
  }

  private TokenSet issue(ProviderConnection connection, Optional<TokenSet> current) {
    ConnectionId id = connection.id();
    boolean refreshable =
        current.isPresent()
            && current.get().refreshToken() != null
            && current.get().refreshExpiresAt() != null
            && current.get().refreshExpiresAt().isAfter(clock.instant());
    if (refreshable) {
      try {
        TokenSet next =
            client
                .refresh(auth(connection), current.get().refreshToken())
                .toTokenSet(clock.instant());
        recordIssued(connection, "refresh");
        return next;
      } catch (ProviderException.AuthorizationRevoked refreshRefused) {
        if (connections.credential(id).isEmpty()) {
          throw refreshRefused;
        }
        log.info("Connection {}: refresh refused, exchanging the JWT credential again", id);
      }
    }
    Optional<String> credential = connections.credential(id);
    if (credential.isEmpty()) {
      throw new ProviderException.AuthorizationRevoked(
          "The refresh token of connection " + id + " has expired; the clinic must authorize again",
          "refresh-token-expired");
    }
    TokenSet next =
        client.exchangeJwt(auth(connection), credential.get()).toTokenSet(clock.instant());
    recordIssued(connection, "jwt");
    return next;
  }

  /** The Auth lane of the user the connection acts as. */
  private RateLimitBudget.Lane auth(ProviderConnection connection) {
    return budget.lane(
        connection, RateLimitGroup.AUTH, () -> tenants.get(connection.tenantId()).slug());
  }

  private void recordIssued(ProviderConnection connection, String grant) {
    audit.record(
        AuditKind.TOKEN_ISSUED,
        ACTOR,
        connection.tenantId().value(),
        connection.id().value(),
        null,
        Map.of("grant", grant));
  }
}
