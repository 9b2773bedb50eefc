/**
 * The destination SPI: hand one fax document, with its metadata, to a tenant's EHR door. Every
 * destination recognises a delivery it already completed (same source key and SHA-256) and reports
 * it as delivered without touching it, so delivering again after a crash is harmless.
 */
package dev.faxbridge.delivery;
