package dev.faxbridge.provider;

import dev.faxbridge.connection.ConnectionId;

/**
 * What a provider's push endpoint may do with a notification it received: check the token the
 * connection's subscription sends, and ask for the connection's next sync now. Implemented by the
 * sync engine, so that a provider's endpoint needs nothing else of it.
 */
public interface InboundPush {

  /** Whether {@code token} is the verification token of the connection's current subscription. */
  boolean verifies(ConnectionId connection, String token);

  /** New faxes may be waiting: sync the connection as soon as possible. */
  void faxesWaiting(ConnectionId connection);
}
