/**
 * The audit trail: an append-only record of every fax event (discovered, downloaded, delivered,
 * failed) and every credential event (added, validated, token issued, failed). Details carry ids
 * and outcomes, never document content, phone numbers or secrets.
 */
package dev.faxbridge.audit;
