package dev.faxbridge.platform;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/**
 * Raised once when this node begins an orderly shutdown, before the scheduler stops and long before
 * the database goes: work in progress checks it to end early and cleanly (a sync between two faxes,
 * a call waiting for rate-limit budget), and parts that wait can register to be woken.
 */
@Component
public class ShutdownSignal {

  private final List<Runnable> onRaised = new CopyOnWriteArrayList<>();
  private volatile boolean raised;

  public boolean raised() {
    return raised;
  }

  /** Runs {@code action} when the signal is raised (at once if it already was). */
  public void onRaised(Runnable action) {
    onRaised.add(action);
    if (raised) {
      action.run();
    }
  }

  public void raise() {
    if (raised) {
      return;
    }
    raised = true;
    onRaised.forEach(Runnable::run);
  }
}
