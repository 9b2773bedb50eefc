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
 * previous ones) → used by exactly one callback, which claims it atomically. A pasted JWT
 * credential claims the link the same way while it is checked; a refused credential gives the link
 * back and counts against it, and {@link ConnectSettings#maxFailedCredentials()} of them lock it.
 * Every start and every pasted credential counts towards {@link ConnectSettings#maxAttempts()}. The
 * operator can revoke a link nobody has used.
 */
@Repository
public class ConnectLinks {

  /** The condition of a link that can be started or claimed now. */
  private static final String LIVE =
      "used_at is null and revoked_at is null and locked_at is null and expires_at > :now"
          + " and attempts < :max";

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

  /** The ways of connecting a link offers; at least one. */
  public record Offers(boolean signIn, boolean jwt) {
    public static final Offers BOTH = new Offers(true, true);

    public Offers {
      if (!signIn && !jwt) {
        throw new IllegalArgumentException(
            "A connect link must offer the sign-in, the JWT credential, or both");
      }
    }
  }

  /** A link as stored, without secrets. */
  public record Link(
      UUID id,
      TenantId tenantId,
      Optional<ConnectionId> connectionId,
      Offers offers,
      Instant expiresAt,
      Instant usedAt,
      Instant revokedAt,
      Instant lockedAt,
      int attempts) {}

  /** What a refused credential did to its link. */
  public record Failure(int failedCredentials, boolean lockedNow) {}

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
   * Creates a link offering both ways of connecting for the tenant; {@code connection} is the
   * connection to re-authorize, or empty for a new connection.
   */
  public NewLink create(TenantId tenant, Optional<ConnectionId> connection, String actor) {
    return create(tenant, connection, Offers.BOTH, actor);
  }

  /** Creates a link that offers only {@code offers}. */
  public NewLink create(
      TenantId tenant, Optional<ConnectionId> connection, Offers offers, String actor) {
    String token = RandomTokens.newToken();
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    Instant expires = now.plus(settings.linkLifetime());
    jdbc.sql(
            """
            insert into connect_link (id, tenant_id, connection_id, token_hash, created_by,
                created_at, expires_at, offers_sign_in, offers_jwt)
            values (:id, :tenant, :connection, :hash, :actor, :now, :expires, :signIn, :jwt)
            """)
        .param("id", id)
        .param("tenant", tenant.value())
        .param("connection", connection.map(ConnectionId::value).orElse(null))
        .param("hash", RandomTokens.fingerprint(token))
        .param("actor", actor)
        .param("now", Timestamp.from(now))
        .param("expires", Timestamp.from(expires))
        .param("signIn", offers.signIn())
        .param("jwt", offers.jwt())
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

  /** A tenant's link by id. */
  public Optional<Link> find(TenantId tenant, UUID id) {
    return jdbc.sql("select * from connect_link where id = :id and tenant_id = :tenant")
        .param("id", id)
        .param("tenant", tenant.value())
        .query(ConnectLinks::map)
        .optional();
  }

  /**
   * Why the link cannot be used now (used, revoked, locked, expired), or empty when it can. A link
   * that answered {@link ConnectSettings#maxAttempts()} times counts as locked.
   */
  public Optional<String> refusal(Link link) {
    if (link.usedAt() != null) {
      return Optional.of("used");
    }
    if (link.revokedAt() != null) {
      return Optional.of("revoked");
    }
    if (link.lockedAt() != null || link.attempts() >= settings.maxAttempts()) {
      return Optional.of("locked");
    }
    if (!clock.instant().isBefore(link.expiresAt())) {
      return Optional.of("expired");
    }
    return Optional.empty();
  }

  /** Revokes every link of the tenant nobody has used yet; answers how many. */
  public int revokeAllOpen(TenantId tenant) {
    return jdbc.sql(REVOKE_UNUSED + " and tenant_id = :tenant")
        .param("now", Timestamp.from(clock.instant()))
        .param("tenant", tenant.value())
        .update();
  }

  /** Revokes links nobody has used yet, among those the caller's condition adds. */
  private static final String REVOKE_UNUSED =
      """
      update connect_link set revoked_at = :now, state_hash = null, verifier_ciphertext = null
      where used_at is null and revoked_at is null\
      """;

  /** Revokes a link nobody has used; returns false when it was used or revoked already. */
  public boolean revoke(UUID id) {
    return jdbc.sql(REVOKE_UNUSED + " and id = :id")
            .param("now", Timestamp.from(clock.instant()))
            .param("id", id)
            .update()
        == 1;
  }

  /**
   * Starts a login for a usable link: stores the fingerprint of a fresh state and the sealed
   * verifier. Returns false when the link cannot be used (any more) or offers no sign-in.
   */
  public boolean start(Link link, String state, String codeVerifier) {
    return jdbc.sql(
                """
                update connect_link set state_hash = :state, verifier_ciphertext = :verifier,
                    attempts = attempts + 1
                where id = :id and offers_sign_in and\s"""
                    + LIVE)
            .param("state", RandomTokens.fingerprint(state))
            .param("verifier", secrets.seal(codeVerifier, link.id().toString()))
            .param("id", link.id())
            .param("now", Timestamp.from(clock.instant()))
            .param("max", settings.maxAttempts())
            .update()
        == 1;
  }

  /**
   * Claims a usable link for a pasted credential while the credential is checked, so two
   * submissions cannot both connect; returns false when the link cannot be used (any more) or
   * offers no JWT handover.
   */
  public boolean claimForCredential(Link link) {
    return jdbc.sql(
                """
                update connect_link set used_at = :now, attempts = attempts + 1
                where id = :id and offers_jwt and\s"""
                    + LIVE)
            .param("now", Timestamp.from(clock.instant()))
            .param("id", link.id())
            .param("max", settings.maxAttempts())
            .update()
        == 1;
  }

  /**
   * Gives a claimed link back after its credential was refused, and counts the refusal; the refusal
   * that reaches {@link ConnectSettings#maxFailedCredentials()} locks the link.
   */
  public Failure credentialRefused(UUID id, String reason) {
    return jdbc.sql(
            """
            update connect_link set used_at = null, failed_jwts = failed_jwts + 1,
                outcome = :outcome,
                locked_at = case when failed_jwts + 1 >= :maxFailed and locked_at is null
                                 then :now else locked_at end
            where id = :id
            returning failed_jwts, locked_at = :now
            """)
        .param("outcome", "refused " + reason)
        .param("maxFailed", settings.maxFailedCredentials())
        .param("now", Timestamp.from(clock.instant()))
        .param("id", id)
        .query((rs, row) -> new Failure(rs.getInt(1), rs.getBoolean(2)))
        .single();
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
                where state_hash = :hash and used_at is null and revoked_at is null
                    and expires_at > :now
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
    return new Claim.Refused(refusal(known.get()).orElse("expired"), known);
  }

  /**
   * Makes a claimed link usable again, when connecting failed for a passing reason (RingCentral
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
    return new Link(
        rs.getObject("id", UUID.class),
        new TenantId(rs.getObject("tenant_id", UUID.class)),
        Optional.ofNullable(connection).map(ConnectionId::new),
        new Offers(rs.getBoolean("offers_sign_in"), rs.getBoolean("offers_jwt")),
        rs.getTimestamp("expires_at").toInstant(),
        instant(rs.getTimestamp("used_at")),
        instant(rs.getTimestamp("revoked_at")),
        instant(rs.getTimestamp("locked_at")),
        rs.getInt("attempts"));
  }

  private static Instant instant(java.sql.Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
