package dev.faxbridge.bench;

import dev.faxbridge.emulator.ClientApp;
import dev.faxbridge.emulator.FaxMessage;
import dev.faxbridge.emulator.InboundFaxSpec;
import dev.faxbridge.emulator.RingCentralEmulator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Webhook-driven delivery: a faxbridge with a public base URL subscribes each connection to
 * inbound-fax events; once every first sync is over and the next poll is a minute away, faxes
 * arrive one by one, each to the next tenant in turn, and each one's latency is its ledger {@code
 * delivered_at} minus the moment the benchmark handed it to the platform.
 */
final class LatencyRun {

  private static final int TENANTS = 6;
  private static final int FAXES = 60;
  private static final Duration SPACING = Duration.ofMillis(500);
  private static final Duration SETTLE_LIMIT = Duration.ofSeconds(60);
  private static final Duration TAIL_LIMIT = Duration.ofSeconds(90);

  private final BenchSettings settings;
  private final RingCentralEmulator emulator;
  private final ClientApp app;
  private final Postgres postgres;

  LatencyRun(
      BenchSettings settings, RingCentralEmulator emulator, ClientApp app, Postgres postgres) {
    this.settings = settings;
    this.emulator = emulator;
    this.app = app;
    this.postgres = postgres;
  }

  LatencyResult run(Path directory) {
    List<BenchClinic> clinics = new ArrayList<>();
    for (int i = 0; i < TENANTS; i++) {
      clinics.add(BenchClinic.create(emulator, "Push clinic " + i, 1, app, null));
    }
    String database = postgres.createDatabase("latency");
    try (FaxbridgeProcess faxbridge =
            FaxbridgeProcess.start(
                settings.faxbridgeJar(),
                settings.faxbridgeHeap(),
                database,
                emulator,
                app,
                directory,
                true);
        Connection db = Postgres.connect(database)) {
      for (int i = 0; i < TENANTS; i++) {
        faxbridge.connectTenant("push-" + i, 60, clinics.get(i).faxbridgeJwt());
      }
      awaitSubscribedAndIdle(db);

      Map<String, Instant> arrivals = new HashMap<>();
      for (int i = 0; i < FAXES; i++) {
        BenchClinic clinic = clinics.get(i % TENANTS);
        Instant arrival = Instant.now();
        FaxMessage fax =
            emulator.deliverFax(
                clinic.account().id(),
                clinic.mailboxIds().get(0),
                InboundFaxSpec.of("+16505550100", "+16505550199", 1));
        arrivals.put(fax.messageId(), arrival);
        FaxbridgeProcess.sleep(SPACING);
      }
      List<Long> latencies = awaitLatencies(db, arrivals, Instant.now().plus(TAIL_LIMIT));
      Collections.sort(latencies);
      return new LatencyResult(
          TENANTS,
          FAXES,
          SPACING,
          latencies.size(),
          percentile(latencies, 50),
          percentile(latencies, 95),
          percentile(latencies, 99),
          latencies.isEmpty()
              ? Duration.ZERO
              : Duration.ofMillis(latencies.get(latencies.size() - 1)));
    } catch (SQLException e) {
      throw new IllegalStateException("reading faxbridge's ledger failed", e);
    }
  }

  /**
   * Waits until every connection has a subscription and its next sync is over 30 s away, so what
   * follows is delivered by push, not by a poll.
   */
  private static void awaitSubscribedAndIdle(Connection db) throws SQLException {
    Instant deadline = Instant.now().plus(SETTLE_LIMIT);
    String sql =
        "select (select count(*) from push_subscription),"
            + " (select count(*) from scheduled_tasks where task_name = 'sync-connection'"
            + "  and not picked and execution_time > now() + interval '30 seconds')";
    while (Instant.now().isBefore(deadline)) {
      try (PreparedStatement s = db.prepareStatement(sql);
          ResultSet rs = s.executeQuery()) {
        rs.next();
        if (rs.getInt(1) >= TENANTS && rs.getInt(2) >= TENANTS) {
          return;
        }
      }
      FaxbridgeProcess.sleep(Duration.ofMillis(100));
    }
    throw new IllegalStateException(
        "push subscriptions not in place within " + SETTLE_LIMIT + "; see faxbridge.log");
  }

  /** Latencies in milliseconds of the faxes delivered by the deadline. */
  private static List<Long> awaitLatencies(
      Connection db, Map<String, Instant> arrivals, Instant deadline) throws SQLException {
    Map<String, Instant> delivered = new HashMap<>();
    while (true) {
      try (PreparedStatement s =
              db.prepareStatement(
                  "select message_id, delivered_at from inbound_fax where delivered_at is not null");
          ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          delivered.put(rs.getString(1), rs.getTimestamp(2).toInstant());
        }
      }
      if (delivered.keySet().containsAll(arrivals.keySet()) || Instant.now().isAfter(deadline)) {
        break;
      }
      FaxbridgeProcess.sleep(Duration.ofMillis(200));
    }
    List<Long> latencies = new ArrayList<>();
    arrivals.forEach(
        (id, arrival) -> {
          Instant at = delivered.get(id);
          if (at != null) {
            latencies.add(Duration.between(arrival, at).toMillis());
          }
        });
    return latencies;
  }

  /** The nearest-rank percentile of sorted millisecond values. */
  static Duration percentile(List<Long> sorted, int percent) {
    if (sorted.isEmpty()) {
      return Duration.ZERO;
    }
    int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
    return Duration.ofMillis(sorted.get(Math.max(0, rank - 1)));
  }
}
