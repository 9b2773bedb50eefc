package dev.faxbridge.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one benchmark run does. Defaults fit 2 cores and about 20 minutes (the fleet part runs
 * RingCentral's real 60 s window, the scale part creates 20,000 tenants); {@code --key=value}
 * arguments override them (see {@link #parse}).
 *
 * @param tenants clinics draining in parallel, each with its own connection (and budget)
 * @param mailboxes fax mailboxes per clinic (the admin's own plus fax-only users)
 * @param faxesPerMailbox the backlog waiting in each mailbox; per connection it stays within one
 *     sync run's delivery batch (200 by default), see {@code docs/benchmarks.md}
 * @param window the compressed rate-limit window (RingCentral: 60 s); limits stay as documented
 * @param penalty the compressed penalty after a 429 (RingCentral: 60 s)
 * @param latencies injected delays per API call, equally likely, cycled by the emulator's seeded
 *     fault picker
 * @param scaleTenants idle tenant counts for the scale runs, one faxbridge per count
 * @param scaleMeasurement how long each scale run is observed after its tenants exist
 * @param faxbridgeHeap {@code -Xmx} of faxbridge in the drain, scale and latency runs
 * @param documentBytes the size of the one large document of the memory run
 * @param documentHeap {@code -Xmx} of the faxbridge in the memory run
 * @param faxbridgeJar the runnable faxbridge jar, started as a separate process
 * @param workDirectory databases, faxbridge logs, delivered files (emptied first)
 * @param report where the Markdown report goes
 * @param parts which parts run: {@code drain}, {@code fleet}, {@code scale}, {@code memory}, {@code
 *     latency} (all by default), and {@code crash}, the crash suite, only when named
 * @param crashTrials kills of the crash suite (see {@link CrashRun})
 * @param crashSeed seed of the crash suite's random kill moments
 * @param fleet the fleet part's size and window, and the scale part's token lifetime
 */
record BenchSettings(
    int tenants,
    int mailboxes,
    int faxesPerMailbox,
    Duration window,
    Duration penalty,
    List<Duration> latencies,
    List<Integer> scaleTenants,
    Duration scaleMeasurement,
    String faxbridgeHeap,
    long documentBytes,
    String documentHeap,
    Path faxbridgeJar,
    Path workDirectory,
    Path report,
    Set<String> parts,
    int crashTrials,
    long crashSeed,
    FleetSettings fleet) {

  static BenchSettings defaults() {
    return new BenchSettings(
        4,
        2,
        100,
        Duration.ofSeconds(6),
        Duration.ofSeconds(6),
        List.of(
            Duration.ofMillis(20),
            Duration.ofMillis(30),
            Duration.ofMillis(40),
            Duration.ofMillis(50)),
        List.of(20_000),
        Duration.ofSeconds(90),
        "512m",
        200L * 1024 * 1024,
        "256m",
        Path.of("app/target/faxbridge.jar"),
        Path.of("bench/target/bench-run"),
        Path.of("bench/target/benchmark-report.md"),
        Set.of("drain", "fleet", "scale", "memory", "latency"),
        25,
        20261201L,
        FleetSettings.defaults());
  }

  /**
   * Defaults overridden by {@code --tenants=4 --mailboxes=2 --faxes-per-mailbox=100
   * --window-seconds=6 --penalty-seconds=6 --scale-tenants=1000,5000 --scale-seconds=90
   * --document-mb=200 --faxbridge-jar=... --work-dir=... --report=...
   * --parts=drain,scale,memory,latency,crash --trials=25 --seed=20261201}.
   */
  static BenchSettings parse(String[] args) {
    BenchSettings s = defaults();
    for (String arg : args) {
      String[] kv = arg.replaceFirst("^--", "").split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException("arguments look like --key=value, got '" + arg + "'");
      }
      String v = kv[1];
      s =
          switch (kv[0]) {
            case "tenants" -> s.with(Integer.parseInt(v), s.mailboxes, s.faxesPerMailbox);
            case "mailboxes" -> s.with(s.tenants, Integer.parseInt(v), s.faxesPerMailbox);
            case "faxes-per-mailbox" -> s.with(s.tenants, s.mailboxes, Integer.parseInt(v));
            case "window-seconds" ->
                s.withTiming(Duration.ofSeconds(Long.parseLong(v)), s.penalty)
                    .withFleet(s.fleet.withWindow(Duration.ofSeconds(Long.parseLong(v))));
            case "penalty-seconds" -> s.withTiming(s.window, Duration.ofSeconds(Long.parseLong(v)));
            case "scale-tenants" -> s.withScale(counts(v), s.scaleMeasurement);
            case "scale-seconds" ->
                s.withScale(s.scaleTenants, Duration.ofSeconds(Long.parseLong(v)));
            case "document-mb" -> s.withDocument(Long.parseLong(v) * 1024 * 1024);
            case "faxbridge-jar" -> s.withPaths(Path.of(v), s.workDirectory, s.report);
            case "work-dir" -> s.withPaths(s.faxbridgeJar, Path.of(v), s.report);
            case "report" -> s.withPaths(s.faxbridgeJar, s.workDirectory, Path.of(v));
            case "parts" -> s.withParts(Set.of(v.split(",")));
            case "trials" -> s.withCrash(Integer.parseInt(v), s.crashSeed);
            case "seed" -> s.withCrash(s.crashTrials, Long.parseLong(v));
            default -> {
              FleetSettings fleet = s.fleet.with(kv[0], v);
              if (fleet == null) {
                throw new IllegalArgumentException("unknown argument --" + kv[0]);
              }
              yield s.withFleet(fleet);
            }
          };
    }
    return s;
  }

  private static List<Integer> counts(String csv) {
    List<Integer> counts = new ArrayList<>();
    for (String part : csv.split(",")) {
      if (!part.isBlank()) {
        counts.add(Integer.parseInt(part.trim()));
      }
    }
    return List.copyOf(counts);
  }

  BenchSettings with(int tenants, int mailboxes, int faxesPerMailbox) {
    return new BenchSettings(
        tenants,
        mailboxes,
        faxesPerMailbox,
        window,
        penalty,
        latencies,
        scaleTenants,
        scaleMeasurement,
        faxbridgeHeap,
        documentBytes,
        documentHeap,
        faxbridgeJar,
        workDirectory,
        report,
        parts,
        crashTrials,
        crashSeed,
        fleet);
  }

  BenchSettings withTiming(Duration window, Duration penalty) {
    return new BenchSettings(
        tenants,
        mailboxes,
        faxesPerMailbox,
        window,
        penalty,
        latencies,
        scaleTenants,
        scaleMeasurement,
        faxbridgeHeap,
        documentBytes,
        documentHeap,
        faxbridgeJar,
        workDirectory,
        report,
        parts,
        crashTrials,
        crashSeed,
        fleet);
  }

  BenchSettings withScale(List<Integer> scaleTenants, Duration scaleMeasurement) {
    return new BenchSettings(
        tenants,
        mailboxes,
        faxesPerMailbox,
        window,
        penalty,
        latencies,
        scaleTenants,
        scaleMeasurement,
        faxbridgeHeap,
        documentBytes,
        documentHeap,
        faxbridgeJar,
        workDirectory,
        report,
        parts,
        crashTrials,
        crashSeed,
        fleet);
  }

  BenchSettings withDocument(long documentBytes) {
    return new BenchSettings(
        tenants,
        mailboxes,
        faxesPerMailbox,
        window,
        penalty,
        latencies,
        scaleTenants,
        scaleMeasurement,
        faxbridgeHeap,
        documentBytes,
        documentHeap,
        faxbridgeJar,
        workDirectory,
        report,
        parts,
        crashTrials,
        crashSeed,
        fleet);
  }

  BenchSettings withPaths(Path faxbridgeJar, Path workDirectory, Path report) {
    return new BenchSettings(
        tenants,
        mailboxes,
        faxesPerMailbox,
        window,
        penalty,
        latencies,
        scaleTenants,
        scaleMeasurement,
        faxbridgeHeap,
        documentBytes,
        documentHeap,
        faxbridgeJar,
        workDirectory,
        report,
        parts,
        crashTrials,
        crashSeed,
        fleet);
  }

  BenchSettings withParts(Set<String> parts) {
    return new BenchSettings(
        tenants,
        mailboxes,
        faxesPerMailbox,
        window,
        penalty,
        latencies,
        scaleTenants,
        scaleMeasurement,
        faxbridgeHeap,
        documentBytes,
        documentHeap,
        faxbridgeJar,
        workDirectory,
        report,
        Set.copyOf(parts),
        crashTrials,
        crashSeed,
        fleet);
  }

  BenchSettings withCrash(int crashTrials, long crashSeed) {
    return new BenchSettings(
        tenants,
        mailboxes,
        faxesPerMailbox,
        window,
        penalty,
        latencies,
        scaleTenants,
        scaleMeasurement,
        faxbridgeHeap,
        documentBytes,
        documentHeap,
        faxbridgeJar,
        workDirectory,
        report,
        parts,
        crashTrials,
        crashSeed,
        fleet);
  }

  BenchSettings withFleet(FleetSettings fleet) {
    return new BenchSettings(
        tenants,
        mailboxes,
        faxesPerMailbox,
        window,
        penalty,
        latencies,
        scaleTenants,
        scaleMeasurement,
        faxbridgeHeap,
        documentBytes,
        documentHeap,
        faxbridgeJar,
        workDirectory,
        report,
        parts,
        crashTrials,
        crashSeed,
        fleet);
  }

  boolean runs(String part) {
    return parts.contains(part);
  }
}
