package dev.faxbridge.bench;

import dev.faxbridge.emulator.ClientApp;
import dev.faxbridge.emulator.FaxMessage;
import dev.faxbridge.emulator.LoggedRequest;
import dev.faxbridge.emulator.RingCentralEmulator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fleet back-fills at once: {@code tenants} clinics with {@code faxes} faxes each are connected
 * in one wave through the operator API (of one or two faxbridge processes on one database), with
 * the rate-limit window RingCentral uses unless compressed. Every (app, user) pair is its own
 * bucket, so the fleet's bound is one connection's; the time runs from the first operator call to
 * the ledger's last {@code delivered_at}, and every fax is checked against the platform's size and
 * SHA-256. Before the wave, each node delivers a small backlog of its own ({@link #WARM_UP_CLINICS}
 * clinics x {@link #WARM_UP_FAXES} faxes, fewer than a window allows, not measured), so the figures
 * are those of a node that has been running, not of a JVM compiling its hot paths.
 */
final class FleetRun {

  static final int WARM_UP_CLINICS = 100;
  static final int WARM_UP_FAXES = 10;

  private static final Pattern ACCOUNT = Pattern.compile("/account/(\\d+)");

  private final BenchSettings settings;
  private final RingCentralEmulator emulator;
  private final ClientApp app;
  private final Postgres postgres;
  private final Consumer<String> progress;

  FleetRun(
      BenchSettings settings,
      RingCentralEmulator emulator,
      ClientApp app,
      Postgres postgres,
      Consumer<String> progress) {
    this.settings = settings;
    this.emulator = emulator;
    this.app = app;
    this.postgres = postgres;
    this.progress = progress;
  }

  FleetResult run(int tenants, int nodes, Path directory) {
    FleetSettings fleet = settings.fleet();
    emulator.rateLimitTiming(fleet.window(), fleet.window());
    try {
      return measure(tenants, fleet.faxes(), nodes, fleet, directory);
    } finally {
      emulator.rateLimitTiming(settings.window(), settings.penalty());
    }
  }

  private FleetResult measure(
      int tenants, int faxes, int nodes, FleetSettings fleet, Path directory) {
    List<BenchClinic> clinics = new ArrayList<>();
    Map<String, FaxMessage> backlog = new HashMap<>();
    Map<String, String> accountOfExtension = new HashMap<>();
    for (int i = 0; i < tenants; i++) {
      BenchClinic clinic =
          BenchClinic.create(emulator, "Fleet " + nodes + " clinic " + i, 1, app, null);
      clinics.add(clinic);
      clinic.mailboxIds().forEach(m -> accountOfExtension.put(m, clinic.account().id()));
      clinic.receiveBacklog(emulator, faxes).forEach(f -> backlog.put(f.messageId(), f));
    }
    RateLimitBound bound = RateLimitBound.forBacklog(1, faxes, fleet.window());
    // Well beyond the bound, and beyond what a CPU-bound node needs at 50 faxes a second.
    Duration limit =
        bound.minimum().multipliedBy(3).plusMinutes(5).plusMillis(20L * tenants * faxes);
    String database = postgres.createDatabase("fleet_" + tenants + "_" + nodes);
    List<FaxbridgeProcess> started = new ArrayList<>();
    try (Connection db = Postgres.connect(database)) {
      Path keyset = directory.resolve("keyset.json");
      for (int n = 0; n < nodes; n++) {
        started.add(
            FaxbridgeProcess.start(
                settings.faxbridgeJar(),
                List.of("-Xmx" + settings.faxbridgeHeap()),
                database,
                emulator,
                app,
                directory.resolve("node-" + n),
                false,
                Map.of(
                    "faxbridge.secrets.keyset-file",
                    keyset.toString(),
                    "spring.application.name",
                    "faxbridge-" + n)));
      }
      progress.accept(
          "fleet: "
              + tenants
              + " clinics x "
              + faxes
              + " faxes on "
              + nodes
              + " node(s), window "
              + Report.seconds(fleet.window())
              + ", bound "
              + Report.seconds(bound.minimum()));
      int warm = warmUp(started, db, fleet.connectors(), limit);
      emulator.clearRequestLog();
      long[] cpuBefore = cpu(started);
      long machineBefore = ProcessStats.machineBusyMillis();
      Instant start = Instant.now();
      Duration wave = connect(started, clinics, fleet.connectors(), start, "fleet-");
      progress.accept("fleet: every clinic connected after " + Report.seconds(wave));
      Instant last = FaxbridgeDrain.awaitDelivered(db, warm + backlog.size(), start.plus(limit));
      Duration elapsed = last == null ? limit : Duration.between(start, last);
      double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
      long[] cpuAfter = cpu(started);
      long machineAfter = ProcessStats.machineBusyMillis();
      int verified = FaxbridgeDrain.verified(db, backlog);
      List<LoggedRequest> log = emulator.requestLog();
      RequestLogFile.write(directory.resolve("requests.csv"), log, start);
      PenaltyAudit audit = PenaltyAudit.of(log, accountOfExtension, fleet.window());
      DrainResult drain =
          DrainResult.of("faxbridge", backlog.size(), verified, elapsed, audit, log, start);
      int cores = Runtime.getRuntime().availableProcessors();
      return new FleetResult(
          tenants,
          faxes,
          nodes,
          fleet.window(),
          bound,
          drain,
          wave,
          lastFirstMedium(log, accountOfExtension, start),
          (cpuAfter[0] - cpuBefore[0]) / (seconds * 1000),
          (cpuAfter[1] - cpuBefore[1]) / (seconds * 1000),
          (machineAfter - machineBefore) / (seconds * 1000 * cores));
    } catch (SQLException e) {
      throw new IllegalStateException("reading faxbridge's ledger failed", e);
    } finally {
      started.forEach(FaxbridgeProcess::close);
    }
  }

  /** Delivers the warm-up clinics' faxes on every node; answers how many. */
  private int warmUp(List<FaxbridgeProcess> nodes, Connection db, int connectors, Duration limit)
      throws SQLException {
    List<BenchClinic> clinics = new ArrayList<>();
    int faxes = 0;
    for (int i = 0; i < WARM_UP_CLINICS * nodes.size(); i++) {
      BenchClinic clinic = BenchClinic.create(emulator, "Warm-up clinic " + i, 1, app, null);
      faxes += clinic.receiveBacklog(emulator, WARM_UP_FAXES).size();
      clinics.add(clinic);
    }
    progress.accept("fleet: warming up with " + faxes + " faxes");
    connect(nodes, clinics, connectors, Instant.now(), "warm-up-");
    if (FaxbridgeDrain.awaitDelivered(db, faxes, Instant.now().plus(limit)) == null) {
      throw new IllegalStateException("the warm-up faxes were not delivered");
    }
    return faxes;
  }

  /** The wave: every clinic connected at once, spread over the nodes' operator APIs. */
  private static Duration connect(
      List<FaxbridgeProcess> nodes,
      List<BenchClinic> clinics,
      int connectors,
      Instant start,
      String prefix) {
    ExecutorService callers = Executors.newFixedThreadPool(connectors);
    try {
      List<Future<String>> tenants = new ArrayList<>();
      for (int i = 0; i < clinics.size(); i++) {
        FaxbridgeProcess node = nodes.get(i % nodes.size());
        String slug = prefix + i;
        String jwt = clinics.get(i).faxbridgeJwt();
        tenants.add(callers.submit(() -> node.connectTenant(slug, 60, jwt)));
      }
      for (Future<String> tenant : tenants) {
        tenant.get();
      }
      return Duration.between(start, Instant.now());
    } catch (Exception e) {
      throw new IllegalStateException("connecting the fleet failed", e);
    } finally {
      callers.shutdown();
    }
  }

  /** CPU so far: the faxbridge processes together, and this JVM (emulator and benchmark). */
  private static long[] cpu(List<FaxbridgeProcess> nodes) {
    long faxbridge = 0;
    for (FaxbridgeProcess node : nodes) {
      faxbridge += node.stats().cpuMillis();
    }
    return new long[] {faxbridge, ProcessStats.of(ProcessHandle.current().pid()).cpuMillis()};
  }

  /** When the last clinic made its first Medium call, from the start. */
  private static Duration lastFirstMedium(
      List<LoggedRequest> log, Map<String, String> accountOfExtension, Instant start) {
    Map<String, Instant> first = new HashMap<>();
    for (LoggedRequest r : log) {
      if (!"Medium".equals(r.rateLimitGroup())) {
        continue;
      }
      String account = r.accountId();
      if (account == null) {
        Matcher m = ACCOUNT.matcher(r.path());
        account = m.find() ? m.group(1) : null;
      }
      if (account != null) {
        first.merge(account, r.at(), (a, b) -> a.isBefore(b) ? a : b);
      }
    }
    return first.values().stream()
        .max(Instant::compareTo)
        .map(latest -> Duration.between(start, latest))
        .orElse(Duration.ZERO);
  }
}
