package dev.faxbridge.sync;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.provider.ProviderException;
import dev.faxbridge.provider.PushSubscription;
import dev.faxbridge.provider.PushSubscriptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each connection's push subscription: kept alive by the syncs (checked at most every {@code
 * check-every}, renewed before expiry, re-created when gone or blacklisted), and the check of the
 * {@code Verification-Token} that each notification carries. Push is a hint; polling stays.
 */
@Component
class PushRegistrations {

  private static final Logger log = LoggerFactory.getLogger(PushRegistrations.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;
  private final List<PushSubscriptions> providers;
  private final PushSettings settings;
  private final Clock clock;

  PushRegistrations(
      JdbcClient jdbc, List<PushSubscriptions> providers, PushSettings settings, Clock clock) {
    this.jdbc = jdbc;
    this.providers = providers;
    this.settings = settings;
    this.clock = clock;
  }

  private record Stored(PushSubscription subscription, String tokenSha256, Instant checkedAt) {}

  /**
   * Makes sure the connection's subscription covers {@code mailboxIds}, unless it was checked
   * recently and the mailboxes are the same. A failure is logged and left to the next sync: polling
   * goes on regardless.
   */
  void keep(ProviderConnection connection, List<String> mailboxIds) {
    if (!settings.enabled()) {
      return;
    }
    PushSubscriptions provider =
        providers.stream()
            .filter(p -> p.provider() == connection.provider())
            .findFirst()
            .orElse(null);
    if (provider == null) {
      return;
    }
    List<String> wanted = mailboxIds.stream().sorted().toList();
    Optional<Stored> stored = stored(connection.id());
    Instant now = clock.instant();
    if (stored.isPresent()
        && stored.get().subscription().mailboxIds().equals(wanted)
        && stored.get().checkedAt().plus(settings.checkEvery()).isAfter(now)
        && stored.get().subscription().expiresAt().isAfter(now.plus(settings.renewBefore()))) {
      return;
    }
    String token = newToken();
    try {
      PushSubscription kept =
          provider.ensure(
              connection,
              wanted,
              address(connection),
              token,
              stored.map(Stored::subscription).orElse(null),
              settings.lifetime(),
              settings.renewBefore());
      String tokenSha256 =
          kept.created() ? sha256(token) : stored.map(Stored::tokenSha256).orElse(sha256(token));
      save(connection.id(), kept, tokenSha256, now);
      if (kept.created()) {
        log.info(
            "Connection {}: push subscription {} created for {} mailboxes",
            connection.id(),
            kept.id(),
            wanted.size());
      }
    } catch (ProviderException.RateLimited | ProviderException.AuthorizationRevoked e) {
      throw e;
    } catch (ProviderException failure) {
      log.warn(
          "Connection {}: push subscription not kept, polling continues: {}",
          connection.id(),
          failure.getMessage());
    }
  }

  /** Whether {@code token} is the verification token of the connection's current subscription. */
  boolean verifies(ConnectionId connection, String token) {
    if (token == null || token.isEmpty()) {
      return false;
    }
    return stored(connection)
        .map(
            s ->
                MessageDigest.isEqual(
                    s.tokenSha256().getBytes(StandardCharsets.US_ASCII),
                    sha256(token).getBytes(StandardCharsets.US_ASCII)))
        .orElse(false);
  }

  /** Where the provider posts: {@code <public base>/webhooks/<provider>/<connection id>}. */
  URI address(ProviderConnection connection) {
    String base = settings.publicBaseUrl().toString().replaceAll("/+$", "");
    return URI.create(
        base
            + "/webhooks/"
            + connection.provider().name().toLowerCase(Locale.ROOT)
            + "/"
            + connection.id());
  }

  private Optional<Stored> stored(ConnectionId connection) {
    return jdbc.sql(
            """
            select subscription_id, mailbox_ids, verification_token_sha256, expires_at, checked_at
            from push_subscription where connection_id = :c
            """)
        .param("c", connection.value())
        .query(
            (rs, row) ->
                new Stored(
                    new PushSubscription(
                        rs.getString(1),
                        rs.getTimestamp(4).toInstant(),
                        rs.getString(2).isEmpty()
                            ? List.of()
                            : Arrays.asList(rs.getString(2).split(",")),
                        false),
                    rs.getString(3),
                    rs.getTimestamp(5).toInstant()))
        .optional();
  }

  private void save(
      ConnectionId connection, PushSubscription subscription, String tokenSha256, Instant now) {
    jdbc.sql(
            """
            insert into push_subscription (connection_id, subscription_id, mailbox_ids,
                verification_token_sha256, expires_at, checked_at)
            values (:c, :id, :mailboxes, :sha, :expires, :now)
            on conflict (connection_id) do update set subscription_id = excluded.subscription_id,
                mailbox_ids = excluded.mailbox_ids,
                verification_token_sha256 = excluded.verification_token_sha256,
                expires_at = excluded.expires_at, checked_at = excluded.checked_at
            """)
        .param("c", connection.value())
        .param("id", subscription.id())
        .param("mailboxes", String.join(",", subscription.mailboxIds()))
        .param("sha", tokenSha256)
        .param("expires", Timestamp.from(subscription.expiresAt()))
        .param("now", Timestamp.from(now))
        .update();
  }

  private static String newToken() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
