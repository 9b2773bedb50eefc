package dev.faxbridge.connection;

import dev.faxbridge.platform.SecretBox;
import dev.faxbridge.tenant.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Provider connections and their encrypted secrets, stored in PostgreSQL. */
@Repository
public class Connections {

  private final JdbcClient jdbc;
  private final SecretBox secrets;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final JsonMapper json = JsonMapper.builder().build();

  Connections(JdbcClient jdbc, SecretBox secrets, TransactionTemplate transactions, Clock clock) {
    this.jdbc = jdbc;
    this.secrets = secrets;
    this.transactions = transactions;
    this.clock = clock;
  }

  /**
   * Stores a new, already validated connection with its credential (null for none) and first token
   * set (null for a provider without tokens), in one transaction.
   */
  public ProviderConnection add(
      TenantId tenant,
      Provider provider,
      AuthMethod method,
      String credential,
      String externalAccountId,
      String ownerExtensionId,
      TokenSet tokens) {
    ConnectionId id = ConnectionId.random();
    Instant now = clock.instant();
    transactions.executeWithoutResult(
        status -> {
          jdbc.sql(
                  """
                  insert into provider_connection (id, tenant_id, provider, auth_method, status,
                      external_account_id, owner_extension_id, credential_ciphertext, created_at, updated_at)
                  values (:id, :tenant, :provider, :method, 'ACTIVE', :account, :owner, :credential, :now, :now)
                  """)
              .param("id", id.value())
              .param("tenant", tenant.value())
              .param("provider", provider.name())
              .param("method", method.name())
              .param("account", externalAccountId)
              .param("owner", ownerExtensionId)
              .param(
                  "credential", credential == null ? null : secrets.seal(credential, id.toString()))
              .param("now", Timestamp.from(now))
              .update();
          if (tokens != null) {
            insertTokens(id, tokens);
          }
        });
    return get(id);
  }

  public Optional<ProviderConnection> find(ConnectionId id) {
    return jdbc.sql("select * from provider_connection where id = :id")
        .param("id", id.value())
        .query(Connections::map)
        .optional();
  }

  public ProviderConnection get(ConnectionId id) {
    return find(id).orElseThrow(() -> new ConnectionNotFound(id.toString()));
  }

  /**
   * The connection named by an id as written (the operator API's path), or {@link
   * ConnectionNotFound} also when the text is no connection id at all.
   */
  public ProviderConnection get(String id) {
    try {
      return get(ConnectionId.parse(id));
    } catch (ConnectionNotFound e) {
      throw e;
    } catch (IllegalArgumentException notAnId) {
      throw new ConnectionNotFound(id);
    }
  }

  /** No connection has the id; an {@link IllegalArgumentException} for callers that predate it. */
  public static final class ConnectionNotFound extends IllegalArgumentException {
    ConnectionNotFound(String id) {
      super("No provider connection '" + id + "'");
    }
  }

  public List<ProviderConnection> forTenant(TenantId tenant) {
    return jdbc.sql(
            "select * from provider_connection where tenant_id = :tenant order by created_at")
        .param("tenant", tenant.value())
        .query(Connections::map)
        .list();
  }

  public List<ProviderConnection> all() {
    return jdbc.sql("select * from provider_connection order by created_at")
        .query(Connections::map)
        .list();
  }

  /** Whether the account is already connected for this tenant (one connection per account). */
  /** How many connections of a provider are in a status. */
  public long count(Provider provider, ConnectionStatus status) {
    return jdbc.sql(
            "select count(*) from provider_connection where provider = :provider and status = :status")
        .param("provider", provider.name())
        .param("status", status.name())
        .query(Long.class)
        .single();
  }

  public Optional<ProviderConnection> findByAccount(
      TenantId tenant, Provider provider, String externalAccountId) {
    return jdbc.sql(
            """
            select * from provider_connection
            where tenant_id = :tenant and provider = :provider and external_account_id = :account
            """)
        .param("tenant", tenant.value())
        .param("provider", provider.name())
        .param("account", externalAccountId)
        .query(Connections::map)
        .optional();
  }

  /** Sets the status; returns whether it changed (so a caller can notify exactly once). */
  public boolean changeStatus(ConnectionId id, ConnectionStatus status) {
    return jdbc.sql(
                """
                update provider_connection set status = :status, updated_at = :now
                where id = :id and status <> :status
                """)
            .param("status", status.name())
            .param("now", Timestamp.from(clock.instant()))
            .param("id", id.value())
            .update()
        == 1;
  }

  /**
   * Stores a new authorization of an existing connection (the clinic admin authorized again):
   * replaces credential and tokens, records the method, account and owner, and makes the connection
   * ACTIVE, in one transaction under the token lock. Returns whether the status changed.
   */
  public boolean reauthorize(
      ConnectionId id,
      AuthMethod method,
      String credential,
      String externalAccountId,
      String ownerExtensionId,
      TokenSet tokens) {
    Boolean changed =
        transactions.execute(
            status -> {
              String before =
                  jdbc.sql("select status from provider_connection where id = :id for update")
                      .param("id", id.value())
                      .query(String.class)
                      .single();
              jdbc.sql(
                      """
                      update provider_connection set status = 'ACTIVE', auth_method = :method,
                          external_account_id = :account, owner_extension_id = :owner,
                          credential_ciphertext = :credential, updated_at = :now
                      where id = :id
                      """)
                  .param("method", method.name())
                  .param("account", externalAccountId)
                  .param("owner", ownerExtensionId)
                  .param(
                      "credential",
                      credential == null ? null : secrets.seal(credential, id.toString()))
                  .param("now", Timestamp.from(clock.instant()))
                  .param("id", id.value())
                  .update();
              jdbc.sql("delete from connection_token where connection_id = :id")
                  .param("id", id.value())
                  .update();
              if (tokens != null) {
                insertTokens(id, tokens);
              }
              return !ConnectionStatus.ACTIVE.name().equals(before);
            });
    return Boolean.TRUE.equals(changed);
  }

  /**
   * Active connections whose refresh token was last used (issued) at or before {@code usedBefore}:
   * the ones a keep-alive must refresh before the provider lets the refresh token die unused.
   */
  public List<ConnectionId> withRefreshTokenUnusedSince(Instant usedBefore) {
    return jdbc.sql(
            """
            select c.id from provider_connection c join connection_token t on t.connection_id = c.id
            where c.status = 'ACTIVE' and t.refresh_expires_at is not null and t.issued_at <= :before
            order by t.issued_at
            """)
        .param("before", Timestamp.from(usedBefore))
        .query((rs, row) -> new ConnectionId(rs.getObject(1, UUID.class)))
        .list();
  }

  /**
   * Removes a connection: its credential and tokens are deleted and it is switched off. The row
   * stays, because the fax ledger refers to it.
   */
  public void remove(ConnectionId id) {
    transactions.executeWithoutResult(
        status -> {
          jdbc.sql("delete from connection_token where connection_id = :id")
              .param("id", id.value())
              .update();
          jdbc.sql(
                  "update provider_connection set status = 'DISABLED', credential_ciphertext = null, updated_at = :now where id = :id")
              .param("now", Timestamp.from(clock.instant()))
              .param("id", id.value())
              .update();
        });
  }

  /**
   * Retires a connection whose source was drained: like {@link #remove}, its tokens and credential
   * are deleted and it is switched off, and it is marked retired at {@code at}.
   *
   * @return false when it was retired before
   */
  public boolean retire(ConnectionId id, Instant at) {
    Boolean retired =
        transactions.execute(
            status -> {
              int changed =
                  jdbc.sql(
                          """
                          update provider_connection set status = 'DISABLED', credential_ciphertext = null,
                              retired_at = :at, updated_at = :at
                          where id = :id and retired_at is null
                          """)
                      .param("at", Timestamp.from(at))
                      .param("id", id.value())
                      .update();
              jdbc.sql("delete from connection_token where connection_id = :id")
                  .param("id", id.value())
                  .update();
              return changed == 1;
            });
    return Boolean.TRUE.equals(retired);
  }

  /** When the connection was retired, if it was. */
  public Optional<Instant> retiredAt(ConnectionId id) {
    return jdbc.sql("select retired_at from provider_connection where id = :id")
        .param("id", id.value())
        .query((rs, row) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
        .optional()
        .flatMap(at -> at);
  }

  /**
   * The connection's own choice of acknowledgement at the source (a name of {@code
   * provider.Acknowledgement}), or empty when the tenant's choice applies.
   */
  public Optional<String> sourceAcknowledgement(ConnectionId id) {
    return jdbc.sql("select source_acknowledgement from provider_connection where id = :id")
        .param("id", id.value())
        .query((rs, row) -> Optional.ofNullable(rs.getString(1)))
        .optional()
        .flatMap(mode -> mode);
  }

  /** Sets (or, with null, clears) the connection's own acknowledgement at the source. */
  public void setSourceAcknowledgement(ConnectionId id, String mode) {
    jdbc.sql(
            "update provider_connection set source_acknowledgement = :mode, updated_at = :now where id = :id")
        .param("mode", mode)
        .param("now", Timestamp.from(clock.instant()))
        .param("id", id.value())
        .update();
  }

  /** Moves the status from {@code from} to {@code to} only; returns whether it did. */
  public boolean transition(ConnectionId id, ConnectionStatus from, ConnectionStatus to) {
    return jdbc.sql(
                """
                update provider_connection set status = :to, updated_at = :now
                where id = :id and status = :from
                """)
            .param("to", to.name())
            .param("from", from.name())
            .param("now", Timestamp.from(clock.instant()))
            .param("id", id.value())
            .update()
        == 1;
  }

  /** The decrypted credential (a JWT credential), if the connection has one. */
  public Optional<String> credential(ConnectionId id) {
    // A list, not single(): single() refuses the null of a connection without credential.
    List<byte[]> rows =
        jdbc.sql("select credential_ciphertext from provider_connection where id = :id")
            .param("id", id.value())
            .query((rs, row) -> rs.getBytes(1))
            .list();
    byte[] ciphertext = rows.isEmpty() ? null : rows.get(0);
    return Optional.ofNullable(ciphertext).map(c -> secrets.open(c, id.toString()));
  }

  public Optional<TokenSet> tokens(ConnectionId id) {
    return jdbc.sql("select * from connection_token where connection_id = :id")
        .param("id", id.value())
        .query((rs, row) -> readTokens(id, rs))
        .optional();
  }

  /**
   * Runs {@code work} while holding the connection's token row lock, so only one caller at a time,
   * on any node, may replace the tokens. {@code work} receives the tokens as they are now (re-read
   * under the lock) and returns the tokens to keep: when they differ, they are stored before the
   * lock is released.
   */
  public TokenSet underTokenLock(ConnectionId id, Function<Optional<TokenSet>, TokenSet> work) {
    return transactions.execute(
        status -> {
          jdbc.sql("select id from provider_connection where id = :id for update")
              .param("id", id.value())
              .query((rs, row) -> rs.getObject(1))
              .single();
          Optional<TokenSet> current = tokens(id);
          TokenSet next = work.apply(current);
          if (current.isEmpty() || !current.get().equals(next)) {
            jdbc.sql("delete from connection_token where connection_id = :id")
                .param("id", id.value())
                .update();
            insertTokens(id, next);
          }
          return next;
        });
  }

  private void insertTokens(ConnectionId id, TokenSet tokens) {
    var node = json.createObjectNode();
    node.put("access_token", tokens.accessToken());
    node.put("refresh_token", tokens.refreshToken());
    jdbc.sql(
            """
            insert into connection_token (connection_id, token_ciphertext, issued_at,
                access_expires_at, refresh_expires_at)
            values (:id, :ciphertext, :issued, :accessExpires, :refreshExpires)
            """)
        .param("id", id.value())
        .param("ciphertext", secrets.seal(json.writeValueAsString(node), id.toString()))
        .param("issued", Timestamp.from(tokens.issuedAt()))
        .param("accessExpires", Timestamp.from(tokens.accessExpiresAt()))
        .param(
            "refreshExpires",
            tokens.refreshExpiresAt() == null ? null : Timestamp.from(tokens.refreshExpiresAt()))
        .update();
  }

  private TokenSet readTokens(ConnectionId id, ResultSet rs) throws SQLException {
    JsonNode node = json.readTree(secrets.open(rs.getBytes("token_ciphertext"), id.toString()));
    JsonNode refresh = node.get("refresh_token");
    Timestamp refreshExpires = rs.getTimestamp("refresh_expires_at");
    return new TokenSet(
        node.get("access_token").asString(),
        refresh == null || refresh.isNull() ? null : refresh.asString(),
        rs.getTimestamp("issued_at").toInstant(),
        rs.getTimestamp("access_expires_at").toInstant(),
        refreshExpires == null ? null : refreshExpires.toInstant());
  }

  private static ProviderConnection map(ResultSet rs, int row) throws SQLException {
    return new ProviderConnection(
        new ConnectionId(rs.getObject("id", UUID.class)),
        new TenantId(rs.getObject("tenant_id", UUID.class)),
        Provider.valueOf(rs.getString("provider")),
        AuthMethod.valueOf(rs.getString("auth_method")),
        ConnectionStatus.valueOf(rs.getString("status")),
        rs.getString("external_account_id"),
        rs.getString("owner_extension_id"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
