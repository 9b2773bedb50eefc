package dev.faxbridge.emulator;

import java.util.Set;

/** Who is calling, as established from a valid access token, with the app scopes it carries. */
record Caller(
    String accountId,
    String extensionId,
    String clientId,
    String sessionId,
    boolean admin,
    Set<String> scopes) {}
