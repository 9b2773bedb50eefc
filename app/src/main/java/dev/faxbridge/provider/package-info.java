/**
 * The fax provider SPI: list a connection's mailboxes, list the faxes a mailbox received in a time
 * window page by page, and stream one fax document to a file. Providers report failures as {@link
 * dev.faxbridge.provider.ProviderException}s that say whether waiting helps.
 */
package dev.faxbridge.provider;
