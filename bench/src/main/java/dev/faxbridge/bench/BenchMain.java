package dev.faxbridge.bench;

import com.ringcentral.RestClient;
import com.ringcentral.RestException;
import dev.faxbridge.emulator.ClientApp;
import dev.faxbridge.emulator.FaxMessage;
import dev.faxbridge.emulator.LoggedRequest;
import dev.faxbridge.emulator.RingCentralEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

/**
 * The one benchmark command: {@code bench/run [--key=value...]} (see {@link BenchSettings#parse}).
 * Drain (faxbridge, then the SDK sample loop on the same emulator state), scale, memory, push
 * latency; prints the report on stdout, progress on stderr, and writes the report to {@link
 * BenchSettings#report()}.
 */
public final class BenchMain {

  private final BenchSettings s;
  private final long started = System.nanoTime();
  private final Path work;
  private final Report report;
  private final RingCentralEmulator emulator;
  private final Postgres postgres;
  private final ClientApp faxbridgeApp;

  private BenchMain(
      BenchSettings s, Path work, Report report, RingCentralEmulator emulator, Postgres postgres) {
    this.s = s;
    this.work = work;
    this.report = report;
    this.emulator = emulator;
    this.postgres = postgres;
    this.faxbridgeApp = emulator.createApp("faxbridge");
  }

  public static void main(String[] args) throws Exception {
    BenchSettings s = BenchSettings.parse(args);
    // The SDK logs every 429 at WARNING; the report counts them instead.
    RestClient.logger.setLevel(Level.SEVERE);
    Path work = s.workDirectory().toAbsolutePath();
    deleteRecursively(work);
    Files.createDirectories(work);
    Report report = new Report(s, Machine.current(), Instant.now());
    long started = System.nanoTime();
    try (RingCentralEmulator emulator = RingCentralEmulator.builder().start();
        Postgres postgres = Postgres.start(work.resolve("postgres"))) {
      emulator.rateLimitTiming(s.window(), s.penalty());
      Latency.inject(emulator, s.latencies());
      BenchMain bench = new BenchMain(s, work, report, emulator, postgres);
      if (s.runs("drain")) {
        bench.drain();
      }
      if (s.runs("fleet")) {
        bench.fleet();
      }
      if (s.runs("scale")) {
        bench.scale();
      }
      if (s.runs("memory")) {
        bench.memory();
      }
      if (s.runs("latency")) {
        bench.latency();
      }
      if (s.runs("crash")) {
        bench.crash(); // last: it paces the emulator's downloads for its own purpose
      }
    }
    report.total(Duration.ofNanos(System.nanoTime() - started));
    String markdown = report.markdown();
    Path file = s.report().toAbsolutePath();
    Files.createDirectories(file.getParent());
    Files.writeString(file, markdown);
    System.out.print(markdown);
    System.err.println("report written to " + file);
  }

  /**
   * faxbridge drains the backlog; then, on the same faxes, the SDK sample loop with its own app.
   */
  private void drain() throws IOException, RestException {
    ClientApp sdkApp = emulator.createApp("sdk-sample");
    List<BenchClinic> clinics = new ArrayList<>();
    Map<String, FaxMessage> backlog = new HashMap<>();
    Map<String, String> accountOfExtension = new HashMap<>();
    for (int i = 0; i < s.tenants(); i++) {
      BenchClinic clinic =
          BenchClinic.create(emulator, "Drain clinic " + i, s.mailboxes(), faxbridgeApp, sdkApp);
      clinics.add(clinic);
      clinic.mailboxIds().forEach(m -> accountOfExtension.put(m, clinic.account().id()));
      clinic
          .receiveBacklog(emulator, s.faxesPerMailbox())
          .forEach(f -> backlog.put(f.messageId(), f));
    }
    if (backlog.size() != s.tenants() * s.mailboxes() * s.faxesPerMailbox()) {
      throw new IllegalStateException("message ids are not unique across mailboxes");
    }
    RateLimitBound bound =
        RateLimitBound.forBacklog(s.mailboxes(), s.faxesPerMailbox(), s.window());
    Duration limit = bound.minimum().multipliedBy(3).plusMinutes(2);

    progress("drain: faxbridge, " + backlog.size() + " faxes, bound " + seconds(bound.minimum()));
    DrainResult faxbridge =
        new FaxbridgeDrain(s, emulator, faxbridgeApp, postgres)
            .run(clinics, backlog, accountOfExtension, limit, "drain-faxbridge");
    progress("drain: faxbridge took " + seconds(faxbridge.elapsed()));

    progress("drain: SDK sample loop, same faxes");
    FaxbridgeProcess.sleep(s.penalty()); // faxbridge's last calls are out of every window
    emulator.clearRequestLog();
    Instant sdkStartedAt = Instant.now();
    long sdkStart = System.nanoTime();
    int sdkVerified =
        new SdkSampleLoop(sdkApp, emulator.platformUrl().toString())
            .drain(clinics, backlog, work.resolve("drain-sdk"));
    Duration sdkElapsed = Duration.ofNanos(System.nanoTime() - sdkStart);
    List<LoggedRequest> sdkLog = emulator.requestLog();
    RequestLogFile.write(work.resolve("drain-sdk").resolve("requests.csv"), sdkLog, sdkStartedAt);
    DrainResult sdk =
        DrainResult.of(
            "SDK sample loop",
            backlog.size(),
            sdkVerified,
            sdkElapsed,
            PenaltyAudit.of(sdkLog, accountOfExtension, s.penalty()),
            sdkLog,
            sdkStartedAt);
    progress("drain: SDK sample loop took " + seconds(sdkElapsed));
    report.drain(bound, faxbridge, sdk, (double) sdkElapsed.toMillis() / clinics.size());
    drainBeyondBatch();
  }

  /**
   * One clinic whose backlog per connection exceeds one sync run's delivery batch (200 by default):
   * faxbridge only, since the SDK loop has no batches.
   */
  private void drainBeyondBatch() {
    int perMailbox = 150;
    BenchClinic clinic =
        BenchClinic.create(emulator, "Large backlog clinic", s.mailboxes(), faxbridgeApp, null);
    Map<String, FaxMessage> backlog = new HashMap<>();
    Map<String, String> accountOfExtension = new HashMap<>();
    clinic.mailboxIds().forEach(m -> accountOfExtension.put(m, clinic.account().id()));
    clinic.receiveBacklog(emulator, perMailbox).forEach(f -> backlog.put(f.messageId(), f));
    RateLimitBound bound = RateLimitBound.forBacklog(s.mailboxes(), perMailbox, s.window());
    progress(
        "drain: one connection with "
            + backlog.size()
            + " faxes, bound "
            + seconds(bound.minimum()));
    DrainResult result =
        new FaxbridgeDrain(s, emulator, faxbridgeApp, postgres)
            .run(
                List.of(clinic),
                backlog,
                accountOfExtension,
                bound.minimum().multipliedBy(3).plusMinutes(3),
                "drain-beyond-batch");
    progress("drain: one connection took " + seconds(result.elapsed()));
    report.drainBeyondBatch(
        bound,
        result,
        "1 tenant x "
            + s.mailboxes()
            + " mailboxes x "
            + perMailbox
            + " faxes = "
            + backlog.size()
            + " faxes on one connection, sync interval 60 s");
  }

  /**
   * The fleet part: many clinics back-filling at once, on {@code --fleet-nodes} faxbridge
   * processes.
   */
  private void fleet() {
    FleetSettings f = s.fleet();
    FleetResult result =
        new FleetRun(s, emulator, faxbridgeApp, postgres, this::progress)
            .run(f.tenants(), f.nodes(), work.resolve("fleet-" + f.tenants() + "-" + f.nodes()));
    progress(
        String.format(
            Locale.ROOT,
            "fleet: %s, %.1f%% of the bound, %.1f faxes/s",
            seconds(result.drain().elapsed()),
            100 * result.drain().ratioTo(result.bound()),
            result.faxesPerSecond()));
    report.fleet(result);
  }

  private void scale() {
    List<ScaleResult> results = new ArrayList<>();
    for (int tenants : s.scaleTenants()) {
      progress("scale: " + tenants + " idle tenants");
      ScaleResult result =
          new ScaleRun(s, emulator, faxbridgeApp, postgres)
              .run(tenants, work.resolve("scale-" + tenants));
      results.add(result);
      progress(
          "scale: "
              + tenants
              + " tenants created in "
              + seconds(result.creation())
              + ", "
              + String.format(Locale.ROOT, "%.1f", result.periods().pollsPerSecond(tenants))
              + " polls/s");
    }
    report.scale(results);
  }

  private void memory() {
    progress("memory: one " + s.documentBytes() / (1024 * 1024) + " MiB document");
    emulator.clearRequestLog();
    report.memory(new MemoryRun(s, emulator, faxbridgeApp, postgres).run(work.resolve("memory")));
  }

  private void latency() {
    progress("latency: webhook-driven delivery");
    LatencyResult result =
        new LatencyRun(s, emulator, faxbridgeApp, postgres).run(work.resolve("latency"));
    progress(
        "latency: p50 " + Report.millis(result.p50()) + ", p99 " + Report.millis(result.p99()));
    report.latency(result);
  }

  private void crash() {
    progress("crash: " + s.crashTrials() + " kills, seed " + s.crashSeed());
    CrashResult result =
        new CrashRun(
                s.faxbridgeJar(),
                s.faxbridgeHeap(),
                emulator,
                faxbridgeApp,
                postgres,
                work.resolve("crash"),
                s.crashSeed())
            .run(CrashTrial.cycle(s.crashTrials()));
    progress(
        "crash: lost "
            + result.lost()
            + ", duplicated "
            + result.duplicated()
            + ", rewritten "
            + result.rewritten()
            + ", longest resume "
            + seconds(result.maxResume()));
    report.crash(result);
  }

  private void progress(String message) {
    System.err.printf("[%6.1f s] %s%n", (System.nanoTime() - started) / 1e9, message);
  }

  private static String seconds(Duration d) {
    return Report.seconds(d);
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
