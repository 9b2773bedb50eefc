/**
 * A Faxage emulator for faxbridge's tests and demo: the single form-encoded endpoint {@code
 * /httpsfax.php} with the receive-side operations ({@code listfax}, {@code getfax}, {@code
 * handled}, {@code delfax}, {@code handlecount}), Faxage's plain-text {@code ERRnn:} answers,
 * injected faults and a JSON control API.
 *
 * <p>{@link dev.faxbridge.emulator.faxage.FaxageEmulator} is the entry point. It shares the fault
 * rules, the clock, the request log and the document rendering with the RingCentral emulator.
 */
package dev.faxbridge.emulator.faxage;
