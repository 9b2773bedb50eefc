/**
 * Notifications to the people who can fix a broken authorization: an email to the clinic contact
 * over SMTP and a signed webhook to the operator, each optional per tenant. They go through an
 * outbox written in the transaction that changed the connection's status, so each episode is
 * announced exactly once per channel, and are retried until delivered.
 */
package dev.faxbridge.notification;
