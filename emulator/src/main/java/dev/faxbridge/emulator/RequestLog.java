package dev.faxbridge.emulator;

import java.util.ArrayList;
import java.util.List;

/**
 * Every request an emulator received, in arrival order. Thread-safe. Public so that the Faxage
 * emulator ({@code dev.faxbridge.emulator.faxage}) keeps its log the same way; {@code T} is each
 * emulator's own record of a request.
 */
public final class RequestLog<T> {

  private final List<T> entries = new ArrayList<>();

  public synchronized void add(T request) {
    entries.add(request);
  }

  public synchronized List<T> entries() {
    return List.copyOf(entries);
  }

  public synchronized void clear() {
    entries.clear();
  }
}
