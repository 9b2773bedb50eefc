package dev.faxbridge.emulator;

/** A customer account (a clinic); {@code ownerExtensionId} is its extension 101, an admin. */
public record Account(String id, String name, String ownerExtensionId) {}
