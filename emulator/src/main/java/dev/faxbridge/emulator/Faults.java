package dev.faxbridge.emulator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/** The injected fault rules; the first matching rule that fires decides. Thread-safe. */
final class Faults {

  private final List<Armed> rules = new ArrayList<>();
  private final Random random;

  Faults(long seed) {
    this.random = new Random(seed);
  }

  synchronized void add(FaultRule rule) {
    rules.add(new Armed(rule, rule.times()));
  }

  synchronized void clear() {
    rules.clear();
  }

  /** The fault for this request, consuming one use of the rule that fired. */
  synchronized Fault next(Route route, String method, String path) {
    Iterator<Armed> it = rules.iterator();
    while (it.hasNext()) {
      Armed armed = it.next();
      if (!matches(armed.rule, route, method, path)) {
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

  private static boolean matches(FaultRule rule, Route route, String method, String path) {
    if (!rule.method().equals("*") && !rule.method().equalsIgnoreCase(method)) {
      return false;
    }
    if (rule.path().equals("*")) {
      return !path.startsWith("/control");
    }
    return rule.path().equals(path) || (route != null && rule.path().equals(route.template()));
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
