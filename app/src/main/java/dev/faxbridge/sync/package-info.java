/**
 * Sync: for one connection, rediscover its fax mailboxes, list each mailbox's faxes in an explicit
 * time window from its cursor (with an overlap), record them in the ledger, then claim, download,
 * deliver and (as the tenant chose) acknowledge at the source every fax that is due. The cursor
 * moves only past faxes that are durably in the ledger. Runs as one db-scheduler task instance per
 * connection, so one node at a time syncs a connection; a push notification moves that run to now.
 * Also here: dead letters, back-fill, the retention warning and the sync metrics.
 */
package dev.faxbridge.sync;
