/**
 * Faxage as a fax source: {@code FaxageClient} speaks Faxage's one form-encoded endpoint ({@code
 * listfax}, {@code getfax}, {@code handled}, {@code delfax}, {@code handlecount}), parses its
 * tab-separated listings defensively, streams documents with the same checks as every download
 * (status, type by leading bytes, length, SHA-256), paces itself per login and backs off on errors.
 * Faxage's text formats never leave this package. Not yet a {@code FaxProvider}: that waits for the
 * provider-neutral SPI (see docs/faxage.md).
 */
package dev.faxbridge.provider.faxage;
