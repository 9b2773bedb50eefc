/**
 * Wiring only: the clock, the embedded PostgreSQL server used when no database URL is configured,
 * the encryption of secrets at rest, the HTTP client used to talk to providers, and operator API
 * authentication. Nothing here knows about faxes.
 */
package dev.faxbridge.platform;
