package dev.faxbridge.emulator;

/** One document of a stored fax: its attachment id (unique on the platform) and its bytes. */
record StoredAttachment(long id, StoredDocument document) {}
