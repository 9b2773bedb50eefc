package dev.faxbridge.admin;

import dev.faxbridge.platform.RandomTokens;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Operator accounts: BCrypt password hashes, and API tokens stored as SHA-256 fingerprints (a new
 * token is shown once, when created). Nothing here ever holds a password or token in the clear.
 */
@Repository
class Operators {

  private static final BCryptPasswordEncoder PASSWORDS = new BCryptPasswordEncoder();

  /** An operator account as listed; never its password hash. */
  record Account(String username, Instant createdAt, int liveTokens) {}

  /** An API token as listed: its name and dates, never the token or its fingerprint. */
  record Token(String id, String name, Instant createdAt, Instant revokedAt) {}

  private final JdbcClient jdbc;
  private final Clock clock;
  private final TransactionTemplate transactions;

  Operators(JdbcClient jdbc, Clock clock, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.transactions = transactions;
  }

  List<Account> all() {
    return jdbc.sql(
            """
            select a.username, a.created_at,
                (select count(*) from operator_token t
                 where t.operator_id = a.id and t.revoked_at is null) as live
            from operator_account a order by a.username
            """)
        .query(
            (rs, row) ->
                new Account(
                    rs.getString("username"),
                    rs.getTimestamp("created_at").toInstant(),
                    rs.getInt("live")))
        .list();
  }

  /**
   * Deletes an operator account with its tokens, at once: its password and tokens stop working on
   * the next request. Never the last account (that would lock every operator out).
   *
   * @throws NotFound when there is no such operator
   * @throws Conflict when it is the last operator account
   */
  void revoke(String username) {
    transactions.executeWithoutResult(
        status -> {
          // Locks every account, so two operators revoking each other cannot both succeed.
          List<String> accounts =
              jdbc.sql("select username from operator_account order by username for update")
                  .query(String.class)
                  .list();
          if (!accounts.contains(username)) {
            throw new NotFound("No operator named '" + username + "'");
          }
          if (accounts.size() == 1) {
            throw new Conflict(
                "'"
                    + username
                    + "' is the last operator account; create another before revoking it");
          }
          jdbc.sql("delete from operator_account where username = :u")
              .param("u", username)
              .update();
        });
  }

  /** The operator's API tokens, newest first, revoked ones too. */
  List<Token> tokens(String username) {
    UUID operator = operatorId(username);
    return jdbc.sql(
            """
            select id, name, created_at, revoked_at from operator_token
            where operator_id = :operator order by created_at desc, id
            """)
        .param("operator", operator)
        .query(
            (rs, row) ->
                new Token(
                    rs.getObject("id", UUID.class).toString(),
                    rs.getString("name"),
                    rs.getTimestamp("created_at").toInstant(),
                    rs.getTimestamp("revoked_at") == null
                        ? null
                        : rs.getTimestamp("revoked_at").toInstant()))
        .list();
  }

  /**
   * Revokes one of the operator's tokens; it stops working on the next request.
   *
   * @throws NotFound when the operator has no such token
   * @throws Conflict when it was revoked already
   */
  void revokeToken(String username, String tokenId) {
    UUID operator = operatorId(username);
    UUID id;
    try {
      id = UUID.fromString(tokenId);
    } catch (IllegalArgumentException e) {
      throw new NotFound("Operator '" + username + "' has no token '" + tokenId + "'");
    }
    Optional<Timestamp> revokedAt =
        jdbc.sql("select revoked_at from operator_token where id = :id and operator_id = :operator")
            .param("id", id)
            .param("operator", operator)
            .query((rs, row) -> Optional.ofNullable(rs.getTimestamp(1)))
            .optional()
            .orElseThrow(
                () -> new NotFound("Operator '" + username + "' has no token '" + tokenId + "'"));
    if (revokedAt.isPresent()
        || jdbc.sql(
                    "update operator_token set revoked_at = :now where id = :id and revoked_at is null")
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .update()
            == 0) {
      throw new Conflict("Token '" + tokenId + "' was revoked already");
    }
  }

  private UUID operatorId(String username) {
    return jdbc.sql("select id from operator_account where username = :u")
        .param("u", username)
        .query(UUID.class)
        .optional()
        .orElseThrow(() -> new NotFound("No operator named '" + username + "'"));
  }

  boolean any() {
    return jdbc.sql("select exists (select 1 from operator_account)").query(Boolean.class).single();
  }

  boolean exists(String username) {
    return jdbc.sql("select exists (select 1 from operator_account where username = :u)")
        .param("u", username)
        .query(Boolean.class)
        .single();
  }

  void create(String username, String password) {
    if (username == null || !username.matches("^[a-z0-9][a-z0-9._-]{1,62}$")) {
      throw new IllegalArgumentException(
          "username must be 2 to 63 lower-case letters, digits, '.', '_' or '-', was "
              + (username == null || username.length() > 63
                  ? (username == null ? "none" : username.length() + " characters")
                  : "'" + username + "'"));
    }
    if (password == null || password.length() < 12 || password.length() > 72) {
      throw new IllegalArgumentException(
          "password must be 12 to 72 characters (BCrypt reads no further)");
    }
    if (exists(username)) {
      throw new Conflict("An operator named '" + username + "' already exists");
    }
    jdbc.sql(
            """
            insert into operator_account (id, username, password_hash, created_at)
            values (:id, :username, :hash, :now)
            """)
        .param("id", UUID.randomUUID())
        .param("username", username)
        .param("hash", PASSWORDS.encode(password))
        .param("now", Timestamp.from(clock.instant()))
        .update();
  }

  /** Gives an existing operator a new password (demo mode, whose password was lost). */
  void resetPassword(String username, String password) {
    if (password == null || password.length() < 12 || password.length() > 72) {
      throw new IllegalArgumentException(
          "password must be 12 to 72 characters (BCrypt reads no further)");
    }
    jdbc.sql("update operator_account set password_hash = :hash where username = :u")
        .param("hash", PASSWORDS.encode(password))
        .param("u", username)
        .update();
  }

  /** Whether the password is the operator's. */
  boolean passwordMatches(String username, String password) {
    return passwordHash(username).map(hash -> PASSWORDS.matches(password, hash)).orElse(false);
  }

  /** The operator's BCrypt password hash, to check a password against. */
  Optional<String> passwordHash(String username) {
    return jdbc.sql("select password_hash from operator_account where username = :u")
        .param("u", username)
        .query(String.class)
        .optional();
  }

  /** A new API token of the operator; the only time it exists in the clear. */
  String createToken(String username, String name) {
    UUID operator = operatorId(username);
    if (name != null && name.length() > 100) {
      throw new IllegalArgumentException("A token name is at most 100 characters");
    }
    String token = "fbo_" + RandomTokens.newToken();
    jdbc.sql(
            """
            insert into operator_token (id, operator_id, name, token_hash, created_at)
            values (:id, :operator, :name, :hash, :now)
            """)
        .param("id", UUID.randomUUID())
        .param("operator", operator)
        .param("name", name == null || name.isBlank() ? "api" : name)
        .param("hash", RandomTokens.fingerprint(token))
        .param("now", Timestamp.from(clock.instant()))
        .update();
    return token;
  }

  /** The operator owning a live API token. */
  Optional<String> authenticateToken(String token) {
    return jdbc.sql(
            """
            select a.username from operator_token t join operator_account a on a.id = t.operator_id
            where t.token_hash = :hash and t.revoked_at is null
            """)
        .param("hash", RandomTokens.fingerprint(token))
        .query(String.class)
        .optional();
  }
}
