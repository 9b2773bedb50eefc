package dev.faxbridge.provider.ringcentral;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.Provider;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.provider.ProviderException;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keep-alive job: refreshes every RingCentral refresh token that has not been used for {@link
 * TokenSettings#keepAliveAfter()}, so a clinic that receives no fax for a week (or whose syncs only
 * ever needed access tokens) never reaches the 7-day expiry. Safe on several nodes at once: each
 * refresh re-checks under the connection's token lock.
 */
public class RefreshIdleTokens {

  private static final Logger log = LoggerFactory.getLogger(RefreshIdleTokens.class);

  private final Connections connections;
  private final RingCentralSession session;
  private final TokenSettings settings;
  private final Clock clock;

  RefreshIdleTokens(
      Connections connections, RingCentralSession session, TokenSettings settings, Clock clock) {
    this.connections = connections;
    this.session = session;
    this.settings = settings;
    this.clock = clock;
  }

  /** Refreshes the idle tokens due now; returns how many were refreshed. */
  public int run() {
    Instant unusedSince = clock.instant().minus(settings.keepAliveAfter());
    int refreshed = 0;
    for (ConnectionId id : connections.withRefreshTokenUnusedSince(unusedSince)) {
      ProviderConnection connection = connections.find(id).orElse(null);
      if (connection == null
          || connection.provider() != Provider.RINGCENTRAL
          || !connection.isActive()) {
        continue;
      }
      try {
        if (session.keepAlive(connection, unusedSince)) {
          refreshed++;
        }
      } catch (ProviderException.AuthorizationRevoked revoked) {
        // Already marked NEEDS_REAUTHORIZATION and announced by the session.
      } catch (ProviderException failure) {
        log.info(
            "Connection {}: keep-alive refresh will be tried again: {}", id, failure.getMessage());
      }
    }
    if (refreshed > 0) {
      log.info("Keep-alive refreshed the tokens of {} idle connections", refreshed);
    }
    return refreshed;
  }
}
