package dev.faxbridge.provider;

/**
 * A mailbox that can receive faxes: a RingCentral extension.
 *
 * @param type the provider's extension type, e.g. User or FaxUser
 */
public record Mailbox(String id, String type, String number) {}
