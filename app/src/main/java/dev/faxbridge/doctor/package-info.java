/**
 * Checks of faxbridge's own set-up: every setting before anything starts ({@link StartupChecks},
 * one short block naming the setting, its value with secrets masked, and the fix), and {@code
 * faxbridge doctor}, which adds live checks (database, keyset against every sealed value, the
 * RingCentral app, media host, connections, drop folders) and prints a checklist.
 */
package dev.faxbridge.doctor;
