package dev.faxbridge.provider;

import dev.faxbridge.connection.Provider;
import dev.faxbridge.connection.ProviderConnection;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Push notifications of inbound faxes, where a provider offers them. Implementations are
 * thread-safe.
 */
public interface PushSubscriptions {

  Provider provider();

  /**
   * Makes sure the connection has one active subscription that posts inbound-fax events of {@code
   * mailboxIds} to {@code address}: keeps {@code current} when it is active, covers the same
   * mailboxes and lives longer than {@code renewBefore}; renews it when it expires sooner;
   * otherwise (gone, blacklisted, other mailboxes) deletes it and creates a new one that sends
   * {@code verificationToken} with every notification.
   *
   * @param current the subscription faxbridge recorded last time, or null
   */
  PushSubscription ensure(
      ProviderConnection connection,
      List<String> mailboxIds,
      URI address,
      String verificationToken,
      PushSubscription current,
      Duration lifetime,
      Duration renewBefore);
}
