package dev.faxbridge.connection;

/**
 * A clinic's authorization that was checked and stored.
 *
 * @param faxesFound how many faxes the check saw in the fax mailboxes it read (a count only)
 */
public record Connected(ProviderConnection connection, int faxesFound) {}
