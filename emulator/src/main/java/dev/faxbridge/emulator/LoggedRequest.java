package dev.faxbridge.emulator;

import java.time.Instant;

/**
 * One request as received on either listener, with the status it got. {@code rateLimitGroup} is the
 * platform group name ({@code Light}, {@code Medium}, {@code Heavy}, {@code Auth}) or {@code
 * NoThrottling}; {@code query} is the raw query string or null. No headers and no bodies are
 * logged, so tokens never end up here.
 */
public record LoggedRequest(
    Instant at, String method, String path, String query, int status, String rateLimitGroup) {}
