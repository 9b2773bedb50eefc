package dev.faxbridge.connection;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one place a connection's authorization is declared lost or restored. Losing it is idempotent:
 * only the call that actually changes the status records it and publishes {@link
 * ConnectionNeedsReauthorization}, in the same transaction, so each episode is announced once even
 * when several threads or nodes see the failure at the same moment.
 */
@Component
public class AuthorizationHealth {

  private static final Logger log = LoggerFactory.getLogger(AuthorizationHealth.class);

  private final Connections connections;
  private final AuditTrail audit;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transactions;

  AuthorizationHealth(
      Connections connections,
      AuditTrail audit,
      ApplicationEventPublisher events,
      TransactionTemplate transactions) {
    this.connections = connections;
    this.audit = audit;
    this.events = events;
    this.transactions = transactions;
  }

  /**
   * Marks the connection NEEDS_REAUTHORIZATION; returns whether this call did it.
   *
   * @param reason a short code (provider error code or faxbridge's own), never a secret
   */
  public boolean lost(ProviderConnection connection, String reason, String actor) {
    Boolean changed =
        transactions.execute(
            status -> {
              if (!connections.transition(
                  connection.id(),
                  ConnectionStatus.ACTIVE,
                  ConnectionStatus.NEEDS_REAUTHORIZATION)) {
                return false;
              }
              audit.record(
                  AuditKind.CONNECTION_NEEDS_REAUTHORIZATION,
                  actor,
                  connection.tenantId().value(),
                  connection.id().value(),
                  null,
                  Map.of("reason", String.valueOf(reason)));
              events.publishEvent(
                  new ConnectionNeedsReauthorization(
                      connection.id(), connection.tenantId(), connection.authMethod(), reason));
              return true;
            });
    if (Boolean.TRUE.equals(changed)) {
      log.warn("Connection {} needs re-authorization ({})", connection.id(), reason);
      return true;
    }
    return false;
  }
}
