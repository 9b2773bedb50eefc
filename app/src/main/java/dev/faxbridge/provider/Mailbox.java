package dev.faxbridge.provider;

/**
 * A mailbox that can receive faxes: a RingCentral extension, or a Faxage company's one inbox.
 *
 * @param type the provider's kind of mailbox, e.g. User or FaxUser
 */
public record Mailbox(String id, String type, String number) {}
