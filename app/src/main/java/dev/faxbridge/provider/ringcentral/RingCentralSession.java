package dev.faxbridge.provider.ringcentral;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.connection.ConnectionStatus;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.connection.TokenSet;
import dev.faxbridge.provider.ProviderException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a connection's access token valid: renews it shortly before expiry under the connection's
 * token lock (so one node refreshes, the others re-read), by refresh token when there is one and by
 * re-exchanging the JWT credential when there is no usable refresh token.
 */
class RingCentralSession {

  private static final Logger log = LoggerFactory.getLogger(RingCentralSession.class);

  private final RingCentralClient client;
  private final Connections connections;
  private final AuditTrail audit;
  private final RingCentralSettings settings;
  private final Clock clock;

  RingCentralSession(
      RingCentralClient client,
      Connections connections,
      AuditTrail audit,
      RingCentralSettings settings,
      Clock clock) {
    this.client = client;
    this.connections = connections;
    this.audit = audit;
    this.settings = settings;
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
    Optional<TokenSet> current = connections.tokens(connection.id());
    if (current.isPresent()
        && current.get().accessUsableAt(clock.instant(), settings.tokenRefreshMargin())) {
      return current.get().accessToken();
    }
    return renew(connection, Optional.empty());
  }

  /**
   * Renews the tokens under the row lock. {@code rejected} is the access token a call just saw
   * refused; if another caller already replaced it, the replacement is used as it is.
   */
  private String renew(ProviderConnection connection, Optional<String> rejected) {
    ConnectionId id = connection.id();
    try {
      return connections
          .underTokenLock(
              id,
              current -> {
                boolean stillGood =
                    current.isPresent()
                        && current
                            .get()
                            .accessUsableAt(clock.instant(), settings.tokenRefreshMargin())
                        && rejected.map(r -> !r.equals(current.get().accessToken())).orElse(true);
                if (stillGood) {
                  return current.get();
                }
                return issue(connection, current);
              })
          .accessToken();
    } catch (ProviderException.AuthorizationRevoked revoked) {
      if (connections.changeStatus(id, ConnectionStatus.NEEDS_REAUTHORIZATION)) {
        audit.record(
            AuditKind.TOKEN_FAILED,
            "faxbridge",
            connection.tenantId().value(),
            id.value(),
            null,
            Map.of(
                "outcome",
                "needs-reauthorization",
                "providerCode",
                String.valueOf(revoked.providerCode())));
        log.warn("Connection {} needs re-authorization: {}", id, revoked.getMessage());
      }
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
        TokenSet next = client.refresh(current.get().refreshToken()).toTokenSet(clock.instant());
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
    TokenSet next = client.exchangeJwt(credential.get()).toTokenSet(clock.instant());
    recordIssued(connection, "jwt");
    return next;
  }

  private void recordIssued(ProviderConnection connection, String grant) {
    audit.record(
        AuditKind.TOKEN_ISSUED,
        "faxbridge",
        connection.tenantId().value(),
        connection.id().value(),
        null,
        Map.of("grant", grant));
  }
}
