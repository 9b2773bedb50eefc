package dev.faxbridge.bench;

import java.time.Duration;

/**
 * How a fleet of clinics back-filled at once.
 *
 * @param tenants clinics, one connection and one mailbox each
 * @param faxesPerTenant the backlog of each
 * @param nodes faxbridge processes on the one database
 * @param window the rate-limit window (and penalty) during the run
 * @param bound one connection's bound, which is the fleet's: every (app, user) is its own bucket
 * @param drain time, verification, first calls and the penalty audit
 * @param wave from the first operator call until the last connection was created
 * @param lastFirstMediumCall from the start until the last clinic's first Medium call: no clinic
 *     can finish before this plus the bound
 * @param faxbridgeCores CPU of the faxbridge processes together, in cores, over the run
 * @param benchCores CPU of the benchmark JVM (the emulator, the operator callers, the ledger polls)
 * @param machineShare busy share of all the machine's cores over the run
 */
record FleetResult(
    int tenants,
    int faxesPerTenant,
    int nodes,
    Duration window,
    RateLimitBound bound,
    DrainResult drain,
    Duration wave,
    Duration lastFirstMediumCall,
    double faxbridgeCores,
    double benchCores,
    double machineShare) {

  double faxesPerSecond() {
    return drain.delivered() / (drain.elapsed().toMillis() / 1000.0);
  }

  /**
   * The bound over the time from the last clinic's first Medium call: how close the pacing came
   * once every clinic had started, leaving out the onboarding wave.
   */
  double ratioAfterWave() {
    long after = drain.elapsed().minus(lastFirstMediumCall).toMillis();
    return after <= 0 ? 0 : (double) bound.minimum().toMillis() / after;
  }

  /** What held the figure below the bound, read from the measurements. */
  String limitedBy() {
    double ratio = drain.ratioTo(bound);
    if (drain.delivered() < drain.faxes()) {
      return "not every fax arrived before the limit: see the faxbridge logs";
    }
    if (machineShare >= 0.85) {
      return String.format(
          java.util.Locale.ROOT,
          "CPU: the machine's cores were %.0f%% busy (faxbridge %.2f cores, emulator and benchmark"
              + " %.2f); %.1f faxes/s is what this machine sustains with the emulator beside it",
          100 * machineShare,
          faxbridgeCores,
          benchCores,
          faxesPerSecond());
    }
    if (ratio >= 0.9) {
      return "the rate-limit bound: the rest is latency and the onboarding wave";
    }
    return String.format(
        java.util.Locale.ROOT,
        "the onboarding wave and latency: the last clinic's first Medium call came %s after the"
            + " start (%.0f%% of the bound after it)",
        Report.seconds(lastFirstMediumCall),
        100 * ratioAfterWave());
  }
}
