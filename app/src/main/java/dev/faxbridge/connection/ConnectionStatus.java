package dev.faxbridge.connection;

/** Whether faxbridge may call the provider for a connection. */
public enum ConnectionStatus {
  /** Authorized; synced on schedule. */
  ACTIVE,
  /** The authorization is gone for good; nothing is sent until a clinic admin authorizes again. */
  NEEDS_REAUTHORIZATION,
  /** Switched off by an operator. */
  DISABLED
}
