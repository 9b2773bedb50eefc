/**
 * Sync: for one connection, rediscover its fax mailboxes, list each mailbox's faxes in an explicit
 * time window from its cursor (with an overlap), record them in the ledger, then download and
 * deliver every fax that is due. The cursor moves only past faxes that are durably in the ledger.
 * Runs as one db-scheduler task instance per connection, so one node at a time syncs a connection.
 */
package dev.faxbridge.sync;
