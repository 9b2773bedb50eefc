package dev.faxbridge.emulator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * The injected fault rules; the first matching rule that fires decides. Thread-safe. Public so that
 * the Faxage emulator ({@code dev.faxbridge.emulator.faxage}) injects faults the same way.
 */
public final class Faults {

  private final List<Armed> rules = new ArrayList<>();
  private final Random random;

  /** Rules with a probability below 1 draw from a generator seeded with {@code seed}. */
  public Faults(long seed) {
    this.random = new Random(seed);
  }

  public synchronized void add(FaultRule rule) {
    rules.add(new Armed(rule, rule.times()));
  }

  public synchronized void clear() {
    rules.clear();
  }

  /** The fault for this request, consuming one use of the rule that fired. */
  Fault next(Route route, String method, String path) {
    return next(method, path, route == null ? null : route.template());
  }

  /**
   * The fault for this request, consuming one use of the rule that fired. A rule matches when its
   * path is {@code *} (any path outside {@code /control}), the request path, or {@code name}: the
   * route template, or whatever else names the operation (null: nothing).
   */
  public synchronized Fault next(String method, String path, String name) {
    Iterator<Armed> it = rules.iterator();
    while (it.hasNext()) {
      Armed armed = it.next();
      if (!matches(armed.rule, method, path, name)) {
        continue;
      }
      if (armed.rule.probability() < 1.0 && random.nextDouble() >= armed.rule.probability()) {
        continue;
      }
      if (armed.remaining > 0 && --armed.remaining == 0) {
        it.remove();
      }
      return armed.rule.fault();
    }
    return Fault.NONE;
  }

  private static boolean matches(FaultRule rule, String method, String path, String name) {
    if (!rule.method().equals("*") && !rule.method().equalsIgnoreCase(method)) {
      return false;
    }
    if (rule.path().equals("*")) {
      return !path.startsWith("/control");
    }
    return rule.path().equals(path) || rule.path().equals(name);
  }

  private static final class Armed {
    final FaultRule rule;
    int remaining;

    Armed(FaultRule rule, int remaining) {
      this.rule = rule;
      this.remaining = remaining;
    }
  }
}
