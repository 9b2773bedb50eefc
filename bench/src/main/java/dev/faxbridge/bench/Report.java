package dev.faxbridge.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The run's figures as Markdown; the same text is printed and written to the report file. */
final class Report {

  private final StringBuilder md = new StringBuilder();

  Report(BenchSettings s, Machine machine, Instant startedAt) {
    line("# faxbridge benchmark report");
    line("");
    line("Run started " + startedAt + ".");
    line("");
    line("## Machine");
    line("");
    line("- cores (nproc): " + machine.cores());
    line("- memory: " + machine.memoryMib() + " MiB");
    line("- CPU: " + machine.cpu());
    line("- Java: " + machine.java());
    line("- OS: " + machine.os());
    line("");
    line("## Setup");
    line("");
    line(
        "- emulator rate limits on, documented limits (Light 50, Medium 40, Auth 5 per window),"
            + " window "
            + seconds(s.window())
            + " and penalty "
            + seconds(s.penalty())
            + " (RingCentral: 60 s and 60 s)");
    line(
        "- injected latency per API call: " + Latency.describe(s.latencies()) + ", equally likely");
    line(
        "- backlog: "
            + s.tenants()
            + " tenants x "
            + s.mailboxes()
            + " mailboxes x "
            + s.faxesPerMailbox()
            + " faxes = "
            + s.tenants() * s.mailboxes() * s.faxesPerMailbox()
            + " one-page PDF faxes");
  }

  void drain(RateLimitBound bound, DrainResult faxbridge, DrainResult sdk, double perClinicSdk) {
    line("");
    line("## 1. Drain against the rate-limit bound");
    line("");
    line(
        "Bound per connection: "
            + bound.calls()
            + " "
            + bound.group()
            + " calls at "
            + bound.limit()
            + " per window = "
            + seconds(bound.minimum())
            + " (tenants are separate buckets and drain in parallel, so this is the bound of the"
            + " whole backlog).");
    line("");
    header();
    row(bound, faxbridge);
    row(bound, sdk);
    line("");
    line(
        String.format(
            Locale.ROOT,
            "faxbridge drained the backlog %.2fx as fast as the SDK sample loop (%s vs %s);"
                + " per clinic the sample loop took %s on average, %.2fx faxbridge's whole drain.",
            (double) sdk.elapsed().toMillis() / faxbridge.elapsed().toMillis(),
            seconds(faxbridge.elapsed()),
            seconds(sdk.elapsed()),
            seconds(Duration.ofMillis((long) perClinicSdk)),
            perClinicSdk / faxbridge.elapsed().toMillis()));
  }

  /**
   * A backlog larger than one sync run's delivery batch for a connection: faxbridge only, to show
   * what the batch and the sync interval cost.
   */
  void drainBeyondBatch(RateLimitBound bound, DrainResult faxbridge, String shape) {
    line("");
    line("### Backlog beyond one sync run's delivery batch");
    line("");
    line(
        shape
            + ". Bound: "
            + bound.calls()
            + " "
            + bound.group()
            + " calls at "
            + bound.limit()
            + " per window = "
            + seconds(bound.minimum())
            + ".");
    line("");
    header();
    row(bound, faxbridge);
  }

  private void header() {
    line(
        "| client | faxes delivered and verified | time | bound / time | first call | first Medium"
            + " call | bound / time from first Medium call | 429s | requests during a penalty |"
            + " Light | Medium | Auth |");
    line("|---|---|---|---|---|---|---|---|---|---|---|---|");
  }

  private void row(RateLimitBound bound, DrainResult r) {
    line(
        String.format(
            Locale.ROOT,
            "| %s | %d / %d | %s | %.1f%% | %s | %s | %.1f%% | %d | %d | %d | %d | %d |",
            r.client(),
            r.delivered(),
            r.faxes(),
            seconds(r.elapsed()),
            100 * r.ratioTo(bound),
            seconds(r.firstCall()),
            seconds(r.firstMediumCall()),
            100 * r.pacingRatioTo(bound),
            r.audit().rejected(),
            r.audit().duringPenalty(),
            r.audit().calls("Light"),
            r.audit().calls("Medium"),
            r.audit().calls("Auth")));
  }

  void fleet(FleetResult r) {
    line("");
    line("## 2. Fleet: many clinics back-filling at once");
    line("");
    line(
        String.format(
            Locale.ROOT,
            "%d clinics x 1 mailbox x %d faxes = %d faxes, connected in one wave through the"
                + " operator API of %d faxbridge process%s on one PostgreSQL; window and penalty %s."
                + " Aggregate bound: each (app, user) pair is its own bucket of %d %s calls per"
                + " window, so the fleet's bound is one connection's: %d %s calls = %s (%d clinics"
                + " x %d calls per window = %.1f %s calls/s at most).",
            r.tenants(),
            r.faxesPerTenant(),
            r.tenants() * r.faxesPerTenant(),
            r.nodes(),
            r.nodes() == 1 ? "" : "es",
            seconds(r.window()),
            r.bound().limit(),
            r.bound().group(),
            r.bound().calls(),
            r.bound().group(),
            seconds(r.bound().minimum()),
            r.tenants(),
            r.bound().limit(),
            r.tenants() * r.bound().limit() / (r.window().toMillis() / 1000.0),
            r.bound().group()));
    line("");
    line(
        "| nodes | faxes delivered and verified | time | bound / time | faxes/s | wave of"
            + " connections | last clinic's first Medium call | bound / time after it | 429s |"
            + " requests during a penalty | Light | Medium | Auth | faxbridge CPU (cores) |"
            + " emulator and benchmark CPU (cores) | machine CPU |");
    line("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    line(
        String.format(
            Locale.ROOT,
            "| %d | %d / %d | %s | %.1f%% | %.1f | %s | %s | %.1f%% | %d | %d | %d | %d | %d |"
                + " %.2f | %.2f | %.0f%% |",
            r.nodes(),
            r.drain().delivered(),
            r.drain().faxes(),
            seconds(r.drain().elapsed()),
            100 * r.drain().ratioTo(r.bound()),
            r.faxesPerSecond(),
            seconds(r.wave()),
            seconds(r.lastFirstMediumCall()),
            100 * r.ratioAfterWave(),
            r.drain().audit().rejected(),
            r.drain().audit().duringPenalty(),
            r.drain().audit().calls("Light"),
            r.drain().audit().calls("Medium"),
            r.drain().audit().calls("Auth"),
            r.faxbridgeCores(),
            r.benchCores(),
            100 * r.machineShare()));
    line("");
    line("What limited it: " + r.limitedBy() + ".");
  }

  void scale(List<ScaleResult> results) {
    line("");
    line("## 3. Idle tenants polling every minute, one node, access tokens renewed");
    line("");
    line(
        "| tenants | creation (API) | observed | faxbridge CPU (cores) | emulator JVM CPU (cores)"
            + " | machine CPU (all processes) | heap used max | RSS | peak RSS | polls/s |"
            + " poll period mean / p99 / max (mailboxes) | overdue syncs: max count, lateness mean /"
            + " max | token renewals in the window |");
    line("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (ScaleResult r : results) {
      line(
          String.format(
              Locale.ROOT,
              "| %d | %s | %s | %.3f | %.3f | %.1f%% | %d MiB | %d MiB | %d MiB | %.1f |"
                  + " %s / %s / %s (%d) | %d, %.2f s / %.2f s | %d |",
              r.tenants(),
              seconds(r.creation()),
              seconds(r.measured()),
              r.cpuCoreShare(),
              r.benchCoreShare(),
              100 * r.machineShare(),
              r.heapUsedMaxBytes() / (1024 * 1024),
              r.rssKib() / 1024,
              r.peakRssKib() / 1024,
              r.periods().pollsPerSecond(r.tenants()),
              seconds(r.periods().mean()),
              seconds(r.periods().p99()),
              seconds(r.periods().max()),
              r.periods().mailboxesPolledTwice(),
              r.overdueMax(),
              r.lagMeanSeconds(),
              r.lagMaxSeconds(),
              r.renewals()));
    }
  }

  void memory(MemoryResult r) {
    line("");
    line("## 4. One large document, small heap");
    line("");
    line(
        String.format(
            Locale.ROOT,
            "%d bytes (%d MiB) with -Xmx%s: idle RSS %d MiB, peak RSS (VmHWM) %d MiB; delivered %d"
                + " bytes in %s, SHA-256 %s.",
            r.documentBytes(),
            r.documentBytes() / (1024 * 1024),
            r.heap(),
            r.rssBeforeKib() / 1024,
            r.peakRssKib() / 1024,
            r.deliveredBytes(),
            seconds(r.elapsed()),
            r.sha256Matches() ? "matches" : "DOES NOT MATCH"));
  }

  void latency(LatencyResult r) {
    line("");
    line("## 5. Webhook arrival to delivered file");
    line("");
    line(
        String.format(
            Locale.ROOT,
            "%d faxes, one every %s to %d subscribed tenants in turn (poll interval 60 s):"
                + " %d delivered; from arrival at the platform (which sends the webhook at once)"
                + " to the file delivered: p50 %s, p95 %s, p99 %s, max %s.",
            r.faxes(),
            seconds(r.spacing()),
            r.tenants(),
            r.delivered(),
            millis(r.p50()),
            millis(r.p95()),
            millis(r.p99()),
            millis(r.max())));
  }

  void crash(CrashResult r) {
    line("");
    line("## Crash suite (SIGKILL of real faxbridge processes)");
    line("");
    line(
        "One clinic, two mailboxes, "
            + r.faxes()
            + " fax documents arriving during the run; downloads paced at 4 per 2-s window;"
            + " an external PostgreSQL; random kill moments from seed "
            + r.seed()
            + ".");
    line("");
    line(
        "| Trials (kills) | Kill points | Lost | Duplicated | Rewritten | Resume, max | Over 30 s |");
    line("| ---: | --- | ---: | ---: | ---: | ---: | ---: |");
    StringBuilder points = new StringBuilder();
    r.killsByPoint()
        .forEach((point, n) -> points.append(points.isEmpty() ? "" : ", ").append(point + " " + n));
    line(
        "| "
            + r.kills().size()
            + " | "
            + points
            + " | "
            + r.lost()
            + " | "
            + r.duplicated()
            + " | "
            + r.rewritten()
            + " | "
            + seconds(r.maxResume())
            + " | "
            + r.resumesOver(CrashRun.RESUME_LIMIT)
            + " |");
    line("");
    line(
        "Resume = restart (or, with two nodes, the kill) to the clinic's next listing in the"
            + " emulator's log; "
            + r.resumes().size()
            + " measured.");
    if (r.stall() != null) {
      line("");
      line("**Stopped early:** " + r.stall() + ".");
    }
  }

  static String millis(Duration d) {
    return d.toMillis() + " ms";
  }

  void total(Duration total) {
    line("");
    line("Whole run: " + seconds(total) + ".");
  }

  String markdown() {
    return md.toString();
  }

  static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  private void line(String text) {
    md.append(text).append('\n');
  }
}
