package dev.faxbridge.connection;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.tenant.TenantId;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stores an authorization every provider's onboarding has already checked: the tenant's existing
 * connection to that account is re-authorized, or a new connection is added; audited either way.
 * The credential is sealed by {@link Connections}; nothing here logs or audits it. Also keeps what
 * an onboarding's check found ({@code connection_authorization}).
 */
@Component
public class Authorizations {

  private final Connections connections;
  private final AuditTrail audit;
  private final JdbcClient jdbc;
  private final Clock clock;

  Authorizations(Connections connections, AuditTrail audit, JdbcClient jdbc, Clock clock) {
    this.connections = connections;
    this.audit = audit;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * What was found when a clinic authorized: who, on which account, how many extensions, how many
   * fax mailboxes could and could not be read.
   */
  public record Check(
      AuthMethod method,
      String accountId,
      String owner,
      String actor,
      int extensions,
      int mailboxesReadable,
      int mailboxesRefused) {}

  /** Keeps what the onboarding's check found, with the time, beside the connection. */
  public void recordCheck(ConnectionId connection, Check check) {
    jdbc.sql(
            """
            insert into connection_authorization (id, connection_id, auth_method, account_id,
                owner_extension_id, actor, authorized_at, extensions, mailboxes_readable,
                mailboxes_refused)
            values (:id, :connection, :method, :account, :owner, :actor, :at, :extensions,
                :readable, :refused)
            """)
        .param("id", UUID.randomUUID())
        .param("connection", connection.value())
        .param("method", check.method().name())
        .param("account", check.accountId())
        .param("owner", check.owner())
        .param("actor", check.actor())
        .param("at", Timestamp.from(clock.instant()))
        .param("extensions", check.extensions())
        .param("readable", check.mailboxesReadable())
        .param("refused", check.mailboxesRefused())
        .update();
  }

  /**
   * @param restored the connection existed and was not ACTIVE before
   */
  public record Stored(ProviderConnection connection, boolean restored) {}

  /**
   * @param existing the tenant's connection to this account, if it has one
   * @param tokens the first token set, null for a provider without tokens
   * @param owner the provider user who authorized, for the audit trail as {@code ownerKey}
   */
  public Stored store(
      TenantId tenant,
      Optional<ProviderConnection> existing,
      Provider provider,
      AuthMethod method,
      String credential,
      String accountId,
      String owner,
      String ownerKey,
      TokenSet tokens,
      String actor) {
    if (existing.isPresent()) {
      boolean restored =
          connections.reauthorize(
              existing.get().id(), method, credential, accountId, owner, tokens);
      ProviderConnection connection = connections.get(existing.get().id());
      audit.record(
          AuditKind.CONNECTION_REAUTHORIZED,
          actor,
          tenant.value(),
          connection.id().value(),
          null,
          Map.of("authMethod", method.name(), ownerKey, owner));
      return new Stored(connection, restored);
    }
    ProviderConnection connection =
        connections.add(tenant, provider, method, credential, accountId, owner, tokens);
    audit.record(
        AuditKind.CONNECTION_ADDED,
        actor,
        tenant.value(),
        connection.id().value(),
        null,
        Map.of(
            "provider",
            provider.name().toLowerCase(Locale.ROOT),
            "authMethod",
            method.name(),
            "accountId",
            accountId));
    return new Stored(connection, false);
  }
}
