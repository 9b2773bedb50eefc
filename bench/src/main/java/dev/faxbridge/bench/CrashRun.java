package dev.faxbridge.bench;

import dev.faxbridge.emulator.ClientApp;
import dev.faxbridge.emulator.FaxMessage;
import dev.faxbridge.emulator.InboundFaxSpec;
import dev.faxbridge.emulator.LoggedRequest;
import dev.faxbridge.emulator.RingCentralEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The crash suite on real processes. faxbridge runs as its own JVM (the runnable jar) on a
 * PostgreSQL server of its own (not a node's embedded one) against the emulator, and each trial
 * kills it with SIGKILL: at a named pause point, where faxbridge holds until killed, or at a random
 * moment of a sync. A trial with two nodes starts a second faxbridge on the same database, drop
 * folder and keyset before the first is killed, and the second must take the sync over. Every
 * restart must resume syncing within {@link #RESUME_LIMIT}. At the end one node drains what is
 * left, and the emulator, the drop folder and the ledger are reconciled: nothing lost, nothing
 * twice, no complete delivery replaced.
 *
 * <p>Settings of the nodes that differ from the defaults, and why: a sync interval of 5 s (the
 * minimum; so a restart between syncs resumes soon, as a fax a minute would not show), a claim
 * lease of 15 s (a fax held by the killed node is due again after it; 10 min by default) and a
 * scheduler name per node (two hosts have two names). The emulator paces downloads at 4 per 2-s
 * window, so every sync of a few faxes waits for budget.
 */
final class CrashRun {

  static final Duration RESUME_LIMIT = Duration.ofSeconds(30);

  /** How long the run waits for a pause, a listing or the drain before it reports a stall. */
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  private static final int FAXES_PER_TRIAL = 6;
  private static final String SLUG = "crash";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Path jar;
  private final String heap;
  private final RingCentralEmulator emulator;
  private final ClientApp app;
  private final Postgres postgres;
  private final Path directory;
  private final long seed;
  private final Random random;

  CrashRun(
      Path jar,
      String heap,
      RingCentralEmulator emulator,
      ClientApp app,
      Postgres postgres,
      Path directory,
      long seed) {
    this.jar = jar;
    this.heap = heap;
    this.emulator = emulator;
    this.app = app;
    this.postgres = postgres;
    this.directory = directory.toAbsolutePath();
    this.seed = seed;
    this.random = new Random(seed);
  }

  CrashResult run(List<CrashTrial> plan) {
    emulator.rateLimitTiming(Duration.ofSeconds(2), Duration.ofSeconds(2));
    emulator.rateLimit("Medium", 4);
    String database =
        postgres.createDatabase(
            "crash_"
                + directory.getFileName().toString().toLowerCase().replaceAll("[^a-z0-9]", "_"));
    BenchClinic clinic = BenchClinic.create(emulator, "Crash clinic", 2, app, null);
    Map<String, FaxMessage> sent = new LinkedHashMap<>();
    List<CrashTrial> kills = new ArrayList<>();
    List<Duration> resumes = new ArrayList<>();
    String stall = null;
    try (DropFolderWatch watch = new DropFolderWatch(inbox().resolve(SLUG));
        Connection ledger = Postgres.connect(database)) {
      for (int i = 0; i < plan.size() && stall == null; i++) {
        CrashTrial trial = plan.get(i);
        receive(clinic, sent);
        Instant launched = Instant.now();
        FaxbridgeProcess node = start(database, "node-a", trial.point().pausePoint());
        try {
          if (i == 0) {
            node.connectTenant(SLUG, 5, clinic.faxbridgeJwt());
          } else {
            Optional<Duration> resumed = listingAfter(clinic, launched, Instant.now());
            if (resumed.isEmpty()) {
              stall = "no sync within " + PATIENCE.toSeconds() + " s of restart " + i;
              break;
            }
            resumes.add(resumed.get());
          }
          stall =
              killAt(i + 1, trial, node, clinic, database, launched, watch, resumes, sent, ledger);
          if (stall == null) {
            kills.add(trial);
          }
        } finally {
          if (node.isAlive()) {
            node.kill();
          }
        }
      }
      if (stall == null) {
        stall = drainAfterLastKill(database, clinic, resumes, sent, ledger);
      }
      watch.look();
      return reconcile(sent, ledger, watch, kills, resumes, stall);
    } catch (SQLException e) {
      throw new IllegalStateException("reading the ledger failed", e);
    }
  }

  /**
   * Kills node A where the trial says; with two nodes, node B takes over, drains and is killed too.
   * Answers why the run must stop, or null.
   */
  private String killAt(
      int number,
      CrashTrial trial,
      FaxbridgeProcess a,
      BenchClinic clinic,
      String database,
      Instant launched,
      DropFolderWatch watch,
      List<Duration> resumes,
      Map<String, FaxMessage> sent,
      Connection ledger)
      throws SQLException {
    String label = "trial " + number + " (" + trial.label() + ")";
    if (trial.point().pausePoint() != null && !paused(a)) {
      return label
          + ": faxbridge never reached its pause point within "
          + PATIENCE.toSeconds()
          + " s";
    }
    FaxbridgeProcess b = trial.twoNodes() ? start(database, "node-b", null) : null;
    try {
      if (trial.point() == KillPoint.RANDOM) {
        if (listingAfter(clinic, launched, Instant.now()).isEmpty()) {
          return label + ": no sync to kill within " + PATIENCE.toSeconds() + " s";
        }
        FaxbridgeProcess.sleep(Duration.ofMillis(random.nextInt(3_000)));
      }
      a.kill();
      Instant killed = Instant.now();
      watch.look();
      if (b == null) {
        return null;
      }
      Optional<Duration> takenOver = listingAfter(clinic, killed, killed);
      if (takenOver.isEmpty()) {
        return label + ": the second node did not sync within " + PATIENCE.toSeconds() + " s";
      }
      resumes.add(takenOver.get());
      if (!delivered(ledger, sent.size())) {
        return label + ": the second node did not drain within " + PATIENCE.toSeconds() + " s";
      }
      b.kill();
      watch.look();
      return null;
    } finally {
      if (b != null && b.isAlive()) {
        b.kill();
      }
    }
  }

  /** One last restart without a pause point: it must resume and deliver everything. */
  private String drainAfterLastKill(
      String database,
      BenchClinic clinic,
      List<Duration> resumes,
      Map<String, FaxMessage> sent,
      Connection ledger)
      throws SQLException {
    Instant launched = Instant.now();
    try (FaxbridgeProcess node = start(database, "node-a", null)) {
      Optional<Duration> resumed = listingAfter(clinic, launched, Instant.now());
      if (resumed.isEmpty()) {
        return "no sync within " + PATIENCE.toSeconds() + " s of the last restart";
      }
      resumes.add(resumed.get());
      return delivered(ledger, sent.size())
          ? null
          : "not everything delivered within " + PATIENCE.toSeconds() + " s of the last restart";
    }
  }

  private FaxbridgeProcess start(String database, String node, String pausePoint) {
    Path nodeDirectory = directory.resolve(node);
    Path marker = nodeDirectory.resolve("paused-at");
    try {
      Files.deleteIfExists(marker);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put("faxbridge.delivery.folder.root", inbox().toString());
    overrides.put("faxbridge.secrets.keyset-file", directory.resolve("keyset.json").toString());
    overrides.put("db-scheduler.scheduler-name", node);
    overrides.put("faxbridge.sync.claim-lease", "15s");
    overrides.put("faxbridge.testing.pause-marker", marker.toString());
    if (pausePoint != null) {
      overrides.put("faxbridge.testing.pause-at", pausePoint);
    }
    // Correctness, not speed, is measured here: the quick-starting JIT and GC settings save
    // restarts much CPU on a small machine.
    List<String> jvm = List.of("-Xmx" + heap, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    return FaxbridgeProcess.start(
        jar, jvm, database, emulator, app, nodeDirectory, false, overrides);
  }

  private Path inbox() {
    return directory.resolve("inbox");
  }

  private void receive(BenchClinic clinic, Map<String, FaxMessage> sent) {
    for (int i = 0; i < FAXES_PER_TRIAL; i++) {
      FaxMessage fax =
          emulator.deliverFax(
              clinic.account().id(),
              clinic.mailboxIds().get(i % clinic.mailboxIds().size()),
              InboundFaxSpec.of("+16505550100", "+16505550199", 1 + i % 2));
      sent.put(key(fax.messageId(), fax.attachmentId()), fax);
    }
  }

  /** Waits for the pause marker of a node; false after {@link #PATIENCE}. */
  private static boolean paused(FaxbridgeProcess node) {
    Path marker = node.directory().resolve("paused-at");
    Instant deadline = Instant.now().plus(PATIENCE);
    while (Instant.now().isBefore(deadline)) {
      if (Files.exists(marker)) {
        return true;
      }
      if (!node.isAlive()) {
        throw new IllegalStateException("faxbridge died on its own; see " + node.directory());
      }
      FaxbridgeProcess.sleep(Duration.ofMillis(50));
    }
    return false;
  }

  /**
   * Waits for the clinic's first mailbox listing at or after {@code since} (a kill, or the launch
   * of a restarted node); answers how long after {@code from} it came (zero if before): the kill,
   * or the moment the restarted node was ready, since how long a JVM takes to start on a busy
   * machine is not recovery. Empty when none came within {@link #PATIENCE} of now.
   */
  private Optional<Duration> listingAfter(BenchClinic clinic, Instant since, Instant from) {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (Instant.now().isBefore(deadline)) {
      Optional<Instant> listed =
          emulator.requestLog().stream()
              .filter(r -> r.method().equals("GET") && r.path().endsWith("/message-store"))
              .filter(r -> r.byAccount(clinic.account().id()))
              .map(LoggedRequest::at)
              .filter(at -> !at.isBefore(since))
              .findFirst();
      if (listed.isPresent()) {
        return Optional.of(
            listed.get().isBefore(from) ? Duration.ZERO : Duration.between(from, listed.get()));
      }
      FaxbridgeProcess.sleep(Duration.ofMillis(50));
    }
    return Optional.empty();
  }

  /** Waits until the ledger shows {@code expected} faxes delivered; false after patience. */
  private static boolean delivered(Connection ledger, int expected) throws SQLException {
    Instant deadline = Instant.now().plus(PATIENCE);
    String sql = "select count(*) from inbound_fax where state in ('DELIVERED', 'ACKNOWLEDGED')";
    while (Instant.now().isBefore(deadline)) {
      try (PreparedStatement s = ledger.prepareStatement(sql);
          ResultSet rs = s.executeQuery()) {
        rs.next();
        if (rs.getInt(1) >= expected) {
          return true;
        }
      }
      FaxbridgeProcess.sleep(Duration.ofMillis(200));
    }
    return false;
  }

  private CrashResult reconcile(
      Map<String, FaxMessage> sent,
      Connection ledger,
      DropFolderWatch watch,
      List<CrashTrial> kills,
      List<Duration> resumes,
      String stall)
      throws SQLException {
    Map<String, Integer> pairs = new HashMap<>();
    int unexpected = 0;
    for (Path sidecar : DropFolderWatch.sidecars(inbox().resolve(SLUG))) {
      JsonNode meta = JSON.readTree(sidecar.toFile());
      String key =
          key(
              meta.path("ringcentral").path("messageId").asString(),
              meta.path("ringcentral").path("attachmentId").asString());
      FaxMessage fax = sent.get(key);
      Path document = sidecar.resolveSibling(meta.path("document").asString());
      if (fax != null
          && Files.isRegularFile(document)
          && fax.sha256().equals(sha256(document))
          && fax.sha256().equals(meta.path("sha256").asString())) {
        pairs.merge(key, 1, Integer::sum);
      } else {
        unexpected++;
      }
    }
    Map<String, Integer> rows = new HashMap<>();
    Set<String> recorded = new HashSet<>();
    try (PreparedStatement s =
            ledger.prepareStatement("select message_id, attachment_id, state from inbound_fax");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        String key = key(rs.getString(1), rs.getString(2));
        rows.merge(key, 1, Integer::sum);
        if (Set.of("DELIVERED", "ACKNOWLEDGED").contains(rs.getString(3))) {
          recorded.add(key);
        }
      }
    }
    int lost = 0;
    for (String key : sent.keySet()) {
      if (!pairs.containsKey(key) || !recorded.contains(key)) {
        lost++;
      }
    }
    int duplicated = unexpected;
    for (int n : pairs.values()) {
      duplicated += n - 1;
    }
    for (int n : rows.values()) {
      duplicated += n - 1;
    }
    return new CrashResult(
        seed,
        List.copyOf(kills),
        sent.size(),
        lost,
        duplicated,
        watch.rewritten().size(),
        List.copyOf(resumes),
        stall);
  }

  private static String key(String messageId, String attachmentId) {
    return messageId + "/" + attachmentId;
  }

  private static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
