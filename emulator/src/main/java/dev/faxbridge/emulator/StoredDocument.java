package dev.faxbridge.emulator;

import java.nio.file.Path;

/**
 * A fax document on disk: served by streaming, never loaded into memory as a whole. {@code sha256}
 * is lower-case hex.
 */
public record StoredDocument(
    Path file, long size, String contentType, String sha256, int pageCount) {}
