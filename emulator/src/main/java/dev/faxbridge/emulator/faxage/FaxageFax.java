package dev.faxbridge.emulator.faxage;

import java.time.Instant;

/**
 * A received fax as the emulator holds it, for assertions: whether a client marked it handled or
 * deleted it, and the document's size and SHA-256 (lower-case hex) to compare with a download.
 */
public record FaxageFax(
    long recvid,
    String company,
    Instant receivedAt,
    String callerNumber,
    String dialedNumber,
    String stationId,
    int pageCount,
    String contentType,
    long size,
    String sha256,
    boolean handled,
    boolean deleted) {}
