package dev.faxbridge.bench;

import dev.faxbridge.emulator.ClientApp;
import dev.faxbridge.emulator.FaxMessage;
import dev.faxbridge.emulator.LoggedRequest;
import dev.faxbridge.emulator.RingCentralEmulator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * faxbridge drains the backlog: each clinic is connected through the operator API at the same
 * moment (its first sync back-fills the waiting faxes), and the run ends when the ledger shows
 * every fax delivered, or after a limit well beyond the bound. Verified against the platform's own
 * size and SHA-256 of every fax.
 */
final class FaxbridgeDrain {

  private final BenchSettings settings;
  private final RingCentralEmulator emulator;
  private final ClientApp app;
  private final Postgres postgres;

  FaxbridgeDrain(
      BenchSettings settings, RingCentralEmulator emulator, ClientApp app, Postgres postgres) {
    this.settings = settings;
    this.emulator = emulator;
    this.app = app;
    this.postgres = postgres;
  }

  DrainResult run(
      List<BenchClinic> clinics,
      Map<String, FaxMessage> backlog,
      Map<String, String> accountOfExtension,
      Duration limit,
      String name) {
    Path directory = settings.workDirectory().toAbsolutePath().resolve(name);
    String database = postgres.createDatabase(name.replace('-', '_'));
    try (FaxbridgeProcess faxbridge =
            FaxbridgeProcess.start(
                settings.faxbridgeJar(),
                settings.faxbridgeHeap(),
                database,
                emulator,
                app,
                directory);
        Connection db = Postgres.connect(database)) {
      emulator.clearRequestLog();
      ExecutorService connecting = Executors.newFixedThreadPool(clinics.size());
      Instant start = Instant.now();
      try {
        List<Future<String>> tenants = new ArrayList<>();
        for (int i = 0; i < clinics.size(); i++) {
          BenchClinic clinic = clinics.get(i);
          String slug = name + "-" + i;
          tenants.add(
              connecting.submit(() -> faxbridge.connectTenant(slug, 60, clinic.faxbridgeJwt())));
        }
        for (Future<String> tenant : tenants) {
          tenant.get();
        }
      } catch (Exception e) {
        throw new IllegalStateException("connecting the drain tenants failed", e);
      } finally {
        connecting.shutdown();
      }
      Instant last = awaitDelivered(db, backlog.size(), start.plus(limit));
      int verified = verified(db, backlog);
      List<LoggedRequest> log = emulator.requestLog();
      RequestLogFile.write(directory.resolve("requests.csv"), log, start);
      PenaltyAudit audit = PenaltyAudit.of(log, accountOfExtension, settings.penalty());
      Duration elapsed = last == null ? limit : Duration.between(start, last);
      return DrainResult.of("faxbridge", backlog.size(), verified, elapsed, audit, log, start);
    } catch (SQLException e) {
      throw new IllegalStateException("reading faxbridge's ledger failed", e);
    }
  }

  /** Polls the ledger; answers when the last fax was delivered, or null at the deadline. */
  static Instant awaitDelivered(Connection db, int expected, Instant deadline) throws SQLException {
    String sql =
        "select count(*), max(delivered_at) from inbound_fax"
            + " where state in ('DELIVERED', 'ACKNOWLEDGED')";
    while (Instant.now().isBefore(deadline)) {
      try (PreparedStatement s = db.prepareStatement(sql);
          ResultSet rs = s.executeQuery()) {
        rs.next();
        if (rs.getInt(1) >= expected) {
          return rs.getTimestamp(2).toInstant();
        }
      }
      FaxbridgeProcess.sleep(Duration.ofMillis(200));
    }
    return null;
  }

  /** Delivered ledger rows whose size and SHA-256 match the platform's document. */
  static int verified(Connection db, Map<String, FaxMessage> backlog) throws SQLException {
    int verified = 0;
    try (PreparedStatement s =
            db.prepareStatement(
                "select message_id, size, sha256 from inbound_fax"
                    + " where state in ('DELIVERED', 'ACKNOWLEDGED')");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        FaxMessage expected = backlog.get(rs.getString(1));
        if (expected != null
            && expected.size() == rs.getLong(2)
            && expected.sha256().equals(rs.getString(3))) {
          verified++;
        }
      }
    }
    return verified;
  }
}
