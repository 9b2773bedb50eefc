package dev.faxbridge.connection;

import dev.faxbridge.platform.RandomTokens;
import dev.faxbridge.platform.SecretBox;
import dev.faxbridge.tenant.TenantId;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Connect links: single use, expiring, bound to a tenant (and, for a re-authorization, to the
 * connection). Only SHA-256 fingerprints of the link token and of the OAuth state are stored, so a
 * database reader cannot use a link; the PKCE verifier is sealed.
 *
 * <p>Life of a link: created → started (each start issues a new state and verifier, replacing the
 * previous ones) → used by exactly one callback, which claims it atomically.
 */
@Repository
public class ConnectLinks {

  private final JdbcClient jdbc;
  private final SecretBox secrets;
  private final ConnectSettings settings;
  private final Clock clock;

  ConnectLinks(JdbcClient jdbc, SecretBox secrets, ConnectSettings settings, Clock clock) {
    this.jdbc = jdbc;
    this.secrets = secrets;
    this.settings = settings;
    this.clock = clock;
  }

  /** A new link; {@code url} holds the only copy of its token. */
  public record NewLink(UUID id, URI url, Instant expiresAt) {
    @Override
    public String toString() {
      return "NewLink[id=" + id + ", expiresAt=" + expiresAt + "]";
    }
  }

  /** A link as stored, without secrets. */
  public record Link(
      UUID id,
      TenantId tenantId,
      Optional<ConnectionId> connectionId,
      Instant expiresAt,
      Instant usedAt) {}

  /** What a callback's state turned out to be. */
  public sealed interface Claim {
    /** The state belonged to a live link, now used up; continue with its verifier. */
    record Claimed(Link link, String codeVerifier) implements Claim {
      @Override
      public String toString() {
        return "Claimed[link=" + link.id() + "]";
      }
    }

    /** The state cannot be used; {@code reason} is one of unknown, used, expired. */
    record Refused(String reason, Optional<Link> link) implements Claim {}
  }

  /**
   * Creates a link for the tenant; {@code connection} is the connection to re-authorize, or empty
   * for a new connection.
   */
  public NewLink create(TenantId tenant, Optional<ConnectionId> connection, String actor) {
    String token = RandomTokens.newToken();
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    Instant expires = now.plus(settings.linkLifetime());
    jdbc.sql(
            """
            insert into connect_link (id, tenant_id, connection_id, token_hash, created_by,
                created_at, expires_at)
            values (:id, :tenant, :connection, :hash, :actor, :now, :expires)
            """)
        .param("id", id)
        .param("tenant", tenant.value())
        .param("connection", connection.map(ConnectionId::value).orElse(null))
        .param("hash", RandomTokens.fingerprint(token))
        .param("actor", actor)
        .param("now", Timestamp.from(now))
        .param("expires", Timestamp.from(expires))
        .update();
    return new NewLink(id, settings.linkUrl(token), expires);
  }

  /** The link behind a token from a URL, whether or not it can still be used. */
  public Optional<Link> find(String token) {
    return jdbc.sql("select * from connect_link where token_hash = :hash")
        .param("hash", RandomTokens.fingerprint(token))
        .query(ConnectLinks::map)
        .optional();
  }

  /** Whether the link can be started now. */
  public boolean usable(Link link) {
    return link.usedAt() == null && clock.instant().isBefore(link.expiresAt());
  }

  /**
   * Starts a login for a usable link: stores the fingerprint of a fresh state and the sealed
   * verifier. Returns false when the link was used or expired meanwhile.
   */
  public boolean start(Link link, String state, String codeVerifier) {
    Instant now = clock.instant();
    return jdbc.sql(
                """
                update connect_link set state_hash = :state, verifier_ciphertext = :verifier
                where id = :id and used_at is null and expires_at > :now
                """)
            .param("state", RandomTokens.fingerprint(state))
            .param("verifier", secrets.seal(codeVerifier, link.id().toString()))
            .param("id", link.id())
            .param("now", Timestamp.from(now))
            .update()
        == 1;
  }

  /**
   * Claims the link of a callback's state, atomically: of two callbacks with the same state, one is
   * Claimed and the other Refused("used").
   */
  public Claim claim(String state) {
    if (state == null || state.isBlank()) {
      return new Claim.Refused("unknown", Optional.empty());
    }
    String hash = RandomTokens.fingerprint(state);
    Instant now = clock.instant();
    Optional<Link> claimed =
        jdbc.sql(
                """
                update connect_link set used_at = :now
                where state_hash = :hash and used_at is null and expires_at > :now
                returning *
                """)
            .param("now", Timestamp.from(now))
            .param("hash", hash)
            .query(ConnectLinks::map)
            .optional();
    if (claimed.isPresent()) {
      byte[] sealed =
          jdbc.sql("select verifier_ciphertext from connect_link where id = :id")
              .param("id", claimed.get().id())
              .query((rs, row) -> rs.getBytes(1))
              .single();
      return new Claim.Claimed(claimed.get(), secrets.open(sealed, claimed.get().id().toString()));
    }
    Optional<Link> known =
        jdbc.sql("select * from connect_link where state_hash = :hash")
            .param("hash", hash)
            .query(ConnectLinks::map)
            .optional();
    if (known.isEmpty()) {
      return new Claim.Refused("unknown", Optional.empty());
    }
    return new Claim.Refused(known.get().usedAt() != null ? "used" : "expired", known);
  }

  /**
   * Makes a claimed link usable again, when the sign-in failed for a passing reason (RingCentral
   * unreachable) so the clinic admin can simply try again; its state is dropped.
   */
  public void release(UUID id) {
    jdbc.sql(
            """
            update connect_link set used_at = null, state_hash = null, verifier_ciphertext = null
            where id = :id
            """)
        .param("id", id)
        .update();
  }

  /** Records how a claimed link ended (connected, refused: reason); the verifier is wiped. */
  public void finish(UUID id, String outcome) {
    jdbc.sql(
            "update connect_link set outcome = :outcome, verifier_ciphertext = null where id = :id")
        .param("outcome", outcome)
        .param("id", id)
        .update();
  }

  private static Link map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    UUID connection = rs.getObject("connection_id", UUID.class);
    Timestamp used = rs.getTimestamp("used_at");
    return new Link(
        rs.getObject("id", UUID.class),
        new TenantId(rs.getObject("tenant_id", UUID.class)),
        Optional.ofNullable(connection).map(ConnectionId::new),
        rs.getTimestamp("expires_at").toInstant(),
        used == null ? null : used.toInstant());
  }
}
