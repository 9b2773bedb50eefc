package dev.faxbridge.emulator.faxage;

import java.time.Instant;

/**
 * One request to the emulator's API endpoint as received. {@code operation}, {@code company},
 * {@code username} and {@code faxId} are as the caller sent them (null when absent); {@code status}
 * is the HTTP status (0: the connection was dropped); {@code result} is {@code OK}, the {@code
 * ERRnn} code answered, or null when an injected fault replaced the answer. The password is never
 * logged, nor any body.
 */
public record FaxageRequest(
    Instant at,
    String operation,
    String company,
    String username,
    String faxId,
    int status,
    String result) {}
