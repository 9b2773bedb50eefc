/**
 * The operator console: server-rendered pages under {@code /console} (Thymeleaf, with htmx and a
 * small chart library served from the jar) for the people who look after many clinics. It calls the
 * domain services directly (tenants, connections, connect links, the ledger, dead letters,
 * back-fill, acknowledgement, notification settings, the audit trail) and reads what its pages show
 * through {@link dev.faxbridge.console.ConsoleReads}. Who may see it is decided by {@code
 * admin.ConsoleSecurity}: a signed-in operator with a session, every form with a CSRF token.
 */
package dev.faxbridge.console;
