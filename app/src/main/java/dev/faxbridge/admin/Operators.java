package dev.faxbridge.admin;

import dev.faxbridge.platform.RandomTokens;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Repository;

/**
 * Operator accounts: BCrypt password hashes, and API tokens stored as SHA-256 fingerprints (a new
 * token is shown once, when created). Nothing here ever holds a password or token in the clear.
 */
@Repository
class Operators {

  private static final BCryptPasswordEncoder PASSWORDS = new BCryptPasswordEncoder();

  private final JdbcClient jdbc;
  private final Clock clock;

  Operators(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
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
      throw new IllegalArgumentException("An operator named '" + username + "' already exists");
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
    UUID operator =
        jdbc.sql("select id from operator_account where username = :u")
            .param("u", username)
            .query(UUID.class)
            .optional()
            .orElseThrow(
                () -> new IllegalArgumentException("No operator named '" + username + "'"));
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
