package dev.faxbridge.bench;

import dev.faxbridge.emulator.Account;
import dev.faxbridge.emulator.ClientApp;
import dev.faxbridge.emulator.RingCentralEmulator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Many idle tenants on one faxbridge: each a clinic with one mailbox and no faxes, polled every
 * minute. Measures what polling alone costs: faxbridge's CPU and memory from {@code /proc} over a
 * window that starts once every tenant exists; the period between one mailbox's listings from the
 * emulator's request log since the first tenant was created; and how many syncs are overdue in
 * db-scheduler's {@code scheduled_tasks}, sampled.
 */
final class ScaleRun {

  private static final int CREATORS = 8;
  private static final Duration SAMPLE_EVERY = Duration.ofSeconds(5);

  private static final String LAG_SQL =
      "select count(*) filter (where not picked and execution_time <= now() - interval '1 second'),"
          + " coalesce(extract(epoch from max(now() - execution_time)"
          + "   filter (where not picked and execution_time <= now())), 0)"
          + " from scheduled_tasks where task_name = 'sync-connection'";

  private final BenchSettings settings;
  private final RingCentralEmulator emulator;
  private final ClientApp app;
  private final Postgres postgres;

  ScaleRun(BenchSettings settings, RingCentralEmulator emulator, ClientApp app, Postgres postgres) {
    this.settings = settings;
    this.emulator = emulator;
    this.app = app;
    this.postgres = postgres;
  }

  ScaleResult run(int tenants, Path directory) {
    List<String> jwts = new ArrayList<>();
    Set<String> mailboxes = new HashSet<>();
    for (int i = 0; i < tenants; i++) {
      Account account = emulator.createAccount("Scale " + tenants + " clinic " + i);
      jwts.add(
          emulator.issueJwtCredential(account.id(), account.ownerExtensionId(), app.clientId()));
      mailboxes.add(account.ownerExtensionId());
    }
    String database = postgres.createDatabase("scale" + tenants);
    // Short-lived access tokens, so that renewals (each connection at its own point of the second
    // half of the token's life, the last minute excepted) fall into the measurement.
    emulator.tokenLifetimes(settings.fleet().scaleAccessLifetime(), Duration.ofDays(7));
    try (FaxbridgeProcess faxbridge =
            FaxbridgeProcess.start(
                settings.faxbridgeJar(),
                List.of("-Xmx" + settings.faxbridgeHeap()),
                database,
                emulator,
                app,
                directory,
                false,
                Map.of("faxbridge.ringcentral.token-refresh-margin", "1m"));
        Connection db = Postgres.connect(database)) {
      emulator.clearRequestLog();
      long creationStart = System.nanoTime();
      create(faxbridge, tenants, jwts);
      Duration creation = Duration.ofNanos(System.nanoTime() - creationStart);

      ProcessStats before = faxbridge.stats();
      ProcessStats benchBefore = ProcessStats.of(ProcessHandle.current().pid());
      long machineBefore = ProcessStats.machineBusyMillis();
      long start = System.nanoTime();
      java.time.Instant measuring = java.time.Instant.now();
      long end = start + settings.scaleMeasurement().toNanos();
      long heapMax = 0;
      int samples = 0;
      double lagSum = 0;
      double lagMax = 0;
      int overdueMax = 0;
      while (System.nanoTime() < end) {
        FaxbridgeProcess.sleep(
            Duration.ofNanos(Math.min(SAMPLE_EVERY.toNanos(), end - System.nanoTime())));
        try (PreparedStatement s = db.prepareStatement(LAG_SQL);
            ResultSet rs = s.executeQuery()) {
          rs.next();
          overdueMax = Math.max(overdueMax, rs.getInt(1));
          double lag = rs.getDouble(2);
          lagSum += lag;
          lagMax = Math.max(lagMax, lag);
          samples++;
        }
        heapMax = Math.max(heapMax, faxbridge.heapUsedBytes());
      }
      Duration measured = Duration.ofNanos(System.nanoTime() - start);
      ProcessStats after = faxbridge.stats();
      ProcessStats benchAfter = ProcessStats.of(ProcessHandle.current().pid());
      long machineAfter = ProcessStats.machineBusyMillis();
      List<dev.faxbridge.emulator.LoggedRequest> log = emulator.requestLog();
      PollPeriods periods = PollPeriods.of(log, mailboxes);
      int renewals =
          (int)
              log.stream()
                  .filter(r -> r.path().startsWith("/restapi/oauth/token"))
                  .filter(r -> !r.at().isBefore(measuring))
                  .count();
      double seconds = measured.toMillis() / 1000.0;
      int cores = Runtime.getRuntime().availableProcessors();
      return new ScaleResult(
          tenants,
          creation,
          measured,
          (after.cpuMillis() - before.cpuMillis()) / (seconds * 1000),
          (benchAfter.cpuMillis() - benchBefore.cpuMillis()) / (seconds * 1000),
          (machineAfter - machineBefore) / (seconds * 1000 * cores),
          heapMax,
          after.rssKib(),
          after.peakRssKib(),
          periods,
          samples,
          samples == 0 ? 0 : lagSum / samples,
          lagMax,
          overdueMax,
          renewals);
    } catch (SQLException e) {
      throw new IllegalStateException("reading scheduled_tasks failed", e);
    } finally {
      emulator.tokenLifetimes(Duration.ofHours(1), Duration.ofDays(7));
    }
  }

  private static void create(FaxbridgeProcess faxbridge, int tenants, List<String> jwts) {
    ExecutorService creators = Executors.newFixedThreadPool(CREATORS);
    try {
      List<Future<String>> created = new ArrayList<>();
      for (int i = 0; i < tenants; i++) {
        String slug = "scale-" + tenants + "-" + i;
        String jwt = jwts.get(i);
        created.add(creators.submit(() -> faxbridge.connectTenant(slug, 60, jwt)));
      }
      for (Future<String> tenant : created) {
        tenant.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("creating " + tenants + " tenants failed", e);
    } finally {
      creators.shutdown();
    }
  }
}
