package dev.faxbridge.emulator;

/** Who is calling, as established from a valid access token. */
record Caller(
    String accountId, String extensionId, String clientId, String sessionId, boolean admin) {}
