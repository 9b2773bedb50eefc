package dev.faxbridge.bench;

import java.time.Duration;

/**
 * One large document through a faxbridge with a small heap.
 *
 * @param documentBytes the document's size on the platform
 * @param heap faxbridge's {@code -Xmx}
 * @param rssBeforeKib faxbridge's resident memory when idle, before the download
 * @param peakRssKib its peak resident memory (VmHWM) once the document was delivered
 * @param elapsed from connecting the tenant to the document delivered
 * @param deliveredBytes the size of the delivered file (0 when none)
 * @param sha256Matches whether the delivered file's SHA-256 is the platform's
 */
record MemoryResult(
    long documentBytes,
    String heap,
    long rssBeforeKib,
    long peakRssKib,
    Duration elapsed,
    long deliveredBytes,
    boolean sha256Matches) {}
