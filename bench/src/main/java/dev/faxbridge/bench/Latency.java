package dev.faxbridge.bench;

import dev.faxbridge.emulator.Fault;
import dev.faxbridge.emulator.FaultRule;
import dev.faxbridge.emulator.RingCentralEmulator;
import java.time.Duration;
import java.util.List;

/** Network and platform latency: every API call (not the control API) waits one of the delays. */
final class Latency {

  private Latency() {}

  /**
   * Adds one rule per delay; the emulator takes the first rule that fires, so rule {@code i} of
   * {@code n} fires with probability {@code 1/(n-i)} and each delay is equally likely.
   */
  static void inject(RingCentralEmulator emulator, List<Duration> delays) {
    int n = delays.size();
    for (int i = 0; i < n; i++) {
      emulator.injectFault(new FaultRule("*", "*", Fault.delay(delays.get(i)), -1, 1.0 / (n - i)));
    }
  }

  static String describe(List<Duration> delays) {
    return delays.stream().map(d -> Long.toString(d.toMillis())).toList() + " ms";
  }
}
