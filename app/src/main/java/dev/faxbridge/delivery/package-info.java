/**
 * The destination SPI: hand one fax document, with its metadata, to a tenant's EHR door. Every
 * destination is idempotent on the fax's source key, so delivering again after a crash is harmless.
 */
package dev.faxbridge.delivery;
