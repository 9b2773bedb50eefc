package dev.faxbridge.bench;

import dev.faxbridge.emulator.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A phase's slice of the emulator's request log as CSV (milliseconds since the phase started,
 * method, path, status, group, the caller's account), kept beside the report to profile a run:
 * where calls waited, which mailboxes went in parallel.
 */
final class RequestLogFile {

  private RequestLogFile() {}

  static void write(Path file, List<LoggedRequest> log, Instant start) {
    List<String> lines = new ArrayList<>(List.of("ms,method,path,status,group,account"));
    for (LoggedRequest r : log) {
      lines.add(
          Duration.between(start, r.at()).toMillis()
              + ","
              + r.method()
              + ","
              + r.path()
              + ","
              + r.status()
              + ","
              + r.rateLimitGroup()
              + ","
              + (r.accountId() == null ? "" : r.accountId()));
    }
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
