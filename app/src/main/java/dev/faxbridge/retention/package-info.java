/**
 * How long faxbridge keeps what it records: ledger rows and audit events past their retention, and
 * staged documents left behind by a crash, deleted by a daily purge that is itself audited.
 */
package dev.faxbridge.retention;
