/**
 * The fax ledger: one row per fax document, keyed by where it came from (connection, mailbox,
 * message, attachment). A key already in the ledger means "already known", never "deliver again";
 * the row's state says how far the fax has come.
 */
package dev.faxbridge.fax;
