package dev.faxbridge.emulator;

import java.util.ArrayList;
import java.util.List;

/** Every request both listeners received, in arrival order. Thread-safe. */
final class RequestLog {

  private final List<LoggedRequest> entries = new ArrayList<>();

  synchronized void add(LoggedRequest request) {
    entries.add(request);
  }

  synchronized List<LoggedRequest> entries() {
    return List.copyOf(entries);
  }

  synchronized void clear() {
    entries.clear();
  }
}
