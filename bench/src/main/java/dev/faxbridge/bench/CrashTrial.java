package dev.faxbridge.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One kill: where, and whether a second node runs on the same database when the first is killed
 * (then the second must take the killed node's sync over).
 */
record CrashTrial(KillPoint point, boolean twoNodes) {

  /**
   * {@code count} trials cycling through every kill point on one node, then every kill point with a
   * second node.
   */
  static List<CrashTrial> cycle(int count) {
    List<CrashTrial> all = new ArrayList<>();
    for (boolean twoNodes : new boolean[] {false, true}) {
      for (KillPoint point : KillPoint.values()) {
        all.add(new CrashTrial(point, twoNodes));
      }
    }
    List<CrashTrial> trials = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      trials.add(all.get(i % all.size()));
    }
    return List.copyOf(trials);
  }

  String label() {
    return point.label() + (twoNodes ? " (2 nodes)" : "");
  }
}
