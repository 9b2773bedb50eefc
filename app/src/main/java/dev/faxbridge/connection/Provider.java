package dev.faxbridge.connection;

/** Fax providers faxbridge reads from. */
public enum Provider {
  RINGCENTRAL,
  FAXAGE
}
