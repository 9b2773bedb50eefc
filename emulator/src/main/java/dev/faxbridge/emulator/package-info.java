/**
 * A faithful subset of the RingCentral platform API for tests, the demo and benchmarks.
 *
 * <p>{@link dev.faxbridge.emulator.RingCentralEmulator} is the entry point: it runs a platform
 * listener (OAuth, REST API, control API) and a media listener (message content) on the loopback
 * interface. Everything else in this package is package-private.
 */
package dev.faxbridge.emulator;
