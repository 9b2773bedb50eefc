package dev.faxbridge.sync;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.Provider;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.delivery.FaxDocument;
import dev.faxbridge.fax.FaxLedger;
import dev.faxbridge.fax.InboundFax;
import dev.faxbridge.platform.FileAccess;
import dev.faxbridge.platform.ShutdownSignal;
import dev.faxbridge.provider.DocumentDigest;
import dev.faxbridge.provider.DownloadedDocument;
import dev.faxbridge.provider.FaxProvider;
import dev.faxbridge.provider.ListedFax;
import dev.faxbridge.provider.ListingRequest;
import dev.faxbridge.provider.ProviderException;
import dev.faxbridge.tenant.Tenant;
import dev.faxbridge.tenant.Tenants;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One sync of one connection: mailboxes, listing, delivery. Callers make sure only one sync of a
 * connection runs at a time (db-scheduler does, across nodes). Logs carry ids and counts only.
 */
@Component
public class SyncConnection {

  private static final Logger log = LoggerFactory.getLogger(SyncConnection.class);
  private static final String ACTOR = "sync";

  private final Connections connections;
  private final Tenants tenants;
  private final Mailboxes mailboxes;
  private final FaxLedger ledger;
  private final RoutedDelivery routed;
  private final AuditTrail audit;
  private final SyncSettings settings;
  private final RetryPolicy retries;
  private final Map<Provider, FaxProvider> providers;
  private final SourceAcknowledgements acknowledgements;
  private final RetentionWatch retention;
  private final SyncMetrics metrics;
  private final PushRegistrations push;
  private final ShutdownSignal shutdown;
  private final SyncRuns runs;
  private final TransactionTemplate transactions;
  private final Clock clock;

  SyncConnection(
      Connections connections,
      Tenants tenants,
      Mailboxes mailboxes,
      FaxLedger ledger,
      RoutedDelivery routed,
      AuditTrail audit,
      SyncSettings settings,
      List<FaxProvider> providers,
      SourceAcknowledgements acknowledgements,
      RetentionWatch retention,
      SyncMetrics metrics,
      PushRegistrations push,
      ShutdownSignal shutdown,
      SyncRuns runs,
      TransactionTemplate transactions,
      Clock clock) {
    this.connections = connections;
    this.tenants = tenants;
    this.mailboxes = mailboxes;
    this.ledger = ledger;
    this.routed = routed;
    this.audit = audit;
    this.settings = settings;
    this.retries =
        new RetryPolicy(settings.retryBase(), settings.retryMax(), settings.maxAttempts());
    this.providers =
        providers.stream().collect(Collectors.toMap(FaxProvider::provider, Function.identity()));
    this.acknowledgements = acknowledgements;
    this.retention = retention;
    this.metrics = metrics;
    this.push = push;
    this.shutdown = shutdown;
    this.runs = runs;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** What one run does. */
  private record Plan(
      boolean list, int deliveries, BooleanSupplier giveWay, boolean stageWhenMoreDue) {}

  public SyncReport run(ConnectionId id) {
    return run(id, new Plan(true, settings.deliveryBatch(), () -> false, false));
  }

  /**
   * A full run that takes at most {@code deliveries} faxes; when more are due it reports a full
   * batch, so the schedule continues it at once, behind every other due run ({@link SyncPriority}).
   * Many clinics back-filling at once then all start their downloads early (and with them their
   * rate-limit windows) instead of one after another. When more are due, it only downloads the
   * faxes it takes: their delivery (the drop folder's writes and flushes, a destination's calls)
   * follows with the rest of the backlog, and the run makes way sooner for the next clinic's.
   */
  public SyncReport run(ConnectionId id, int deliveries) {
    return run(
        id, new Plan(true, Math.min(deliveries, settings.deliveryBatch()), () -> false, true));
  }

  /**
   * Continues a sync that its rate-limit lane cut short, or the rest of a backlog: delivers (and
   * acknowledges) what is already in the ledger without listing the mailboxes again, which the run
   * before it just did. After each fax it gives way when {@code giveWay} says another run is
   * waiting (it then reports more due, and continues later).
   */
  public SyncReport resume(ConnectionId id, BooleanSupplier giveWay) {
    return run(id, new Plan(false, settings.deliveryBatch(), giveWay, false));
  }

  private SyncReport run(ConnectionId id, Plan plan) {
    ProviderConnection connection = connections.find(id).orElse(null);
    if (connection == null || !connection.isActive()) {
      return SyncReport.skipped();
    }
    Tenant tenant = tenants.get(connection.tenantId());
    Instant started = clock.instant();
    SyncReport report = run(tenant, connection, plan);
    runs.finished(id, report);
    metrics.syncFinished(
        tenant.slug(), report.outcome(), Duration.between(started, clock.instant()));
    metrics.deadLetters(tenant.slug(), ledger.countAbandoned(tenant.id()));
    retention.check(tenant);
    return report;
  }

  private SyncReport run(Tenant tenant, ProviderConnection connection, Plan plan) {
    ConnectionId id = connection.id();
    FaxProvider provider = providers.get(connection.provider());
    Tally tally = new Tally();
    try {
      if (plan.list()) {
        tally.mailboxes = listMailboxes(tenant, connection, provider, tally.newFaxes);
        if (shutdown.raised()) {
          return tally.report(SyncReport.Outcome.STOPPED);
        }
      } else {
        tally.mailboxes = mailboxes.active(id).size();
      }
      if (!deliverDue(tenant, connection, provider, tally, plan)) {
        return tally.report(SyncReport.Outcome.STOPPED);
      }
      acknowledgeOwed(tenant, connection, provider);
    } catch (ProviderException.RateLimited limited) {
      if (shutdown.raised()) {
        return tally.report(SyncReport.Outcome.STOPPED);
      }
      log.debug("Connection {}: rate-limited, resumes after {}", id, limited.retryAfter());
      return tally
          .report(SyncReport.Outcome.RATE_LIMITED)
          .withProblem("The provider's rate limit was reached; the next run continues")
          .resumingAt(clock.instant().plus(limited.retryAfter()));
    } catch (ProviderException.AuthorizationRevoked revoked) {
      return tally
          .report(SyncReport.Outcome.UNAUTHORIZED)
          .withProblem("The provider refused the connection's authorization");
    } catch (ProviderException failure) {
      log.warn("Connection {}: sync interrupted: {}", id, failure.getMessage());
      return tally.report(SyncReport.Outcome.INTERRUPTED).withProblem(failure.getMessage());
    }
    SyncReport report = tally.report(SyncReport.Outcome.COMPLETED);
    if (report.newFaxes() > 0 || report.delivered() > 0 || report.failed() > 0) {
      log.info(
          "Connection {}: {} new, {} delivered, {} failed across {} mailboxes",
          id,
          report.newFaxes(),
          report.delivered(),
          report.failed(),
          report.mailboxes());
    }
    return report;
  }

  /**
   * Finds the connection's mailboxes (listing them at the provider when due), applies a pending
   * back-fill, keeps the push subscription and lists each mailbox, until this node stops.
   *
   * @return the number of mailboxes
   */
  private int listMailboxes(
      Tenant tenant, ProviderConnection connection, FaxProvider provider, AtomicInteger newFaxes) {
    ConnectionId id = connection.id();
    if (mailboxes.listingDue(id, settings.mailboxRefresh())) {
      mailboxes.reconcile(id, provider.mailboxes(connection));
    }
    int rewound = mailboxes.applyBackfill(id, clock.instant().minus(settings.initialLookback()));
    if (rewound > 0) {
      log.info("Connection {}: back-fill applied to {} mailboxes", id, rewound);
    }
    List<Mailboxes.Cursor> cursors = mailboxes.active(id);
    push.keep(connection, cursors.stream().map(Mailboxes.Cursor::mailboxId).toList());
    for (Mailboxes.Cursor cursor : cursors) {
      if (shutdown.raised()) {
        break;
      }
      listMailbox(tenant, connection, provider, cursor, newFaxes);
    }
    return cursors.size();
  }

  /** What one run has done so far; it becomes the run's {@link SyncReport}. */
  private static final class Tally {
    int mailboxes;
    final AtomicInteger newFaxes = new AtomicInteger();
    int delivered;
    int failed;
    boolean fullBatch;

    SyncReport report(SyncReport.Outcome outcome) {
      return new SyncReport(outcome, mailboxes, newFaxes.get(), delivered, failed, fullBatch);
    }
  }

  /**
   * Lists one mailbox from its cursor (minus the overlap) to now, and moves the cursor to now once
   * every page is in the ledger; then re-lists whichever wider windows are due (see {@link
   * SyncSettings#rereads()}). A mailbox that fails to list keeps its cursor and is listed again
   * next time; the others go on.
   */
  private void listMailbox(
      Tenant tenant,
      ProviderConnection connection,
      FaxProvider provider,
      Mailboxes.Cursor cursor,
      AtomicInteger newFaxes) {
    Instant to = clock.instant();
    Instant from =
        cursor.syncedThrough() == null
            ? to.minus(settings.initialLookback())
            : cursor.syncedThrough().minus(settings.overlap());
    try {
      String next =
          provider.listFaxes(
              connection,
              new ListingRequest(cursor.mailboxId(), from, to, cursor.providerCursor()),
              page -> record(connection, page, newFaxes));
      mailboxes.advance(connection.id(), cursor.mailboxId(), to, next);
    } catch (ProviderException.Unavailable | ProviderException.Gone failure) {
      log.warn(
          "Connection {} mailbox {}: listing failed, will list again: {}",
          connection.id(),
          cursor.mailboxId(),
          failure.getMessage());
      if (failure instanceof ProviderException.Gone) {
        mailboxes.listAgain(connection.id()); // removed at the provider, perhaps
      }
      return;
    }
    for (SyncSettings.Reread reread : settings.rereads()) {
      if (cursor.syncedThrough() == null) {
        // The first listing reached initial-lookback back; nothing to re-read yet.
        mailboxes.rereadDone(connection.id(), cursor.mailboxId(), reread, to);
      } else if (mailboxes.rereadDue(connection.id(), cursor.mailboxId(), reread)) {
        reread(tenant, connection, provider, cursor, reread, to, newFaxes);
      }
    }
  }

  private void reread(
      Tenant tenant,
      ProviderConnection connection,
      FaxProvider provider,
      Mailboxes.Cursor cursor,
      SyncSettings.Reread reread,
      Instant to,
      AtomicInteger newFaxes) {
    String mailboxId = cursor.mailboxId();
    AtomicInteger found = new AtomicInteger();
    try {
      provider.listFaxes(
          connection,
          new ListingRequest(mailboxId, to.minus(reread.window()), to, cursor.providerCursor()),
          page -> record(connection, page, found));
      mailboxes.rereadDone(connection.id(), mailboxId, reread, to);
    } catch (ProviderException.Unavailable | ProviderException.Gone failure) {
      log.warn(
          "Connection {} mailbox {}: re-read of the last {} failed, will try again: {}",
          connection.id(),
          mailboxId,
          reread.window(),
          failure.getMessage());
    }
    if (found.get() > 0) {
      log.warn(
          "Connection {} mailbox {}: {} faxes indexed late found by the re-read of the last {}",
          connection.id(),
          mailboxId,
          found.get(),
          reread.window());
      metrics.foundLate(tenant.slug(), found.get());
      newFaxes.addAndGet(found.get());
    }
  }

  /**
   * Records one listed page in the ledger, with the discovery of each new fax in the audit trail,
   * in one transaction: a page of hundreds of faxes costs one commit and two batches (not a round
   * trip per fax), and a crash leaves none of it (the cursor has not moved, so the page is listed
   * again).
   */
  private void record(ProviderConnection connection, List<ListedFax> page, AtomicInteger newFaxes) {
    if (page.isEmpty()) {
      return;
    }
    Integer added = transactions.execute(status -> recordEach(connection, page));
    newFaxes.addAndGet(added == null ? 0 : added);
  }

  /**
   * @return how many of the page's faxes were new to the ledger
   */
  private int recordEach(ProviderConnection connection, List<ListedFax> page) {
    for (ListedFax fax : page) {
      if (fax.defect() != null) {
        log.warn(
            "Connection {}: message {} listed with a defect: {}",
            connection.id(),
            fax.messageId(),
            fax.defect());
      }
    }
    List<FaxLedger.Discovered> discovered =
        ledger.recordListed(connection.tenantId(), connection.id(), page);
    audit.recordAll(
        discovered.stream()
            .map(
                recorded ->
                    new AuditTrail.Entry(
                        AuditKind.FAX_DISCOVERED,
                        ACTOR,
                        connection.tenantId().value(),
                        connection.id().value(),
                        recorded.id(),
                        Map.of(
                            "mailboxId",
                            recorded.fax().mailboxId(),
                            "messageId",
                            recorded.fax().messageId(),
                            "attachmentId",
                            recorded.fax().attachmentId())))
            .toList());
    return discovered.size();
  }

  /** What became of one claimed fax. */
  private enum Attempt {
    DELIVERED,
    /** Downloaded and staged, handed back for a later run to deliver. */
    STAGED,
    FAILED,
    /** The claim had moved on to another sync; nothing this attempt wrote to the ledger counted. */
    FENCED
  }

  /**
   * Delivers the due faxes, oldest first, each under its own claim. Between two faxes it stops,
   * reporting more due, when the plan's {@code giveWay} says so. When the plan says so and more are
   * due than it takes, it only downloads them (see {@link #run(ConnectionId, int)}).
   *
   * @return false when the run stopped early because this node is shutting down
   */
  private boolean deliverDue(
      Tenant tenant, ProviderConnection connection, FaxProvider provider, Tally tally, Plan plan) {
    int deliveries = plan.deliveries();
    // One more than the run takes, to know whether more are due after it.
    List<InboundFax> due = ledger.due(connection.id(), deliveries + 1);
    tally.fullBatch = due.size() > deliveries;
    boolean stageOnly = plan.stageWhenMoreDue() && tally.fullBatch;
    due = due.subList(0, Math.min(deliveries, due.size()));
    for (int i = 0; i < due.size(); i++) {
      if (shutdown.raised()) {
        return false;
      }
      if (i > 0 && plan.giveWay().getAsBoolean()) {
        tally.fullBatch = true;
        return true;
      }
      InboundFax fax = due.get(i);
      Optional<UUID> claim = ledger.claim(fax.id(), settings.claimLease());
      if (claim.isEmpty()) {
        continue; // another sync took it meanwhile
      }
      Attempt attempt;
      try {
        attempt = deliverOne(tenant, connection, provider, fax, claim.get(), stageOnly);
      } catch (ProviderException providerWide) {
        ledger.release(fax.id(), claim.get());
        throw providerWide;
      }
      switch (attempt) {
        case DELIVERED -> tally.delivered++;
        case FAILED -> tally.failed++;
        case FENCED -> fenced(tenant, fax);
        case STAGED -> {}
      }
    }
    return true;
  }

  private void fenced(Tenant tenant, InboundFax fax) {
    metrics.fenced(tenant.slug());
    log.warn(
        "Fax {}: this sync's claim expired and moved on to another sync; its result was not"
            + " recorded",
        fax.id());
  }

  /**
   * Acknowledges delivered faxes at the source as their tenant chose when they were delivered. A
   * failure is that fax's own: it is tried again with backoff and given up after {@code
   * max-attempts} (the fax stays delivered, the reason stays on its row); the others go on.
   */
  private void acknowledgeOwed(Tenant tenant, ProviderConnection connection, FaxProvider provider) {
    for (InboundFax fax :
        ledger.awaitingAcknowledgement(connection.id(), settings.deliveryBatch())) {
      if (shutdown.raised()) {
        return;
      }
      try {
        provider.acknowledge(connection, fax.source(), fax.acknowledgement());
      } catch (ProviderException.Unavailable | ProviderException.Gone failure) {
        acknowledgementFailed(tenant, fax, failure.getMessage());
        continue;
      }
      ledger.markAcknowledged(fax.id());
      audit.record(
          AuditKind.FAX_ACKNOWLEDGED,
          ACTOR,
          fax.tenantId().value(),
          fax.connectionId().value(),
          fax.id(),
          Map.of("acknowledgement", fax.acknowledgement().name()));
    }
  }

  private void acknowledgementFailed(Tenant tenant, InboundFax fax, String reason) {
    String error = "Acknowledgement at the source failed: " + reason;
    int attempts = ledger.acknowledgementFailed(fax.id(), error);
    boolean exhausted = retries.exhaustedAfter(attempts);
    Instant next = exhausted ? null : retries.nextAttempt(clock.instant(), attempts);
    ledger.acknowledgeAgainAt(fax.id(), next);
    audit.record(
        exhausted ? AuditKind.FAX_ACKNOWLEDGEMENT_ABANDONED : AuditKind.FAX_ACKNOWLEDGEMENT_FAILED,
        ACTOR,
        tenant.id().value(),
        fax.connectionId().value(),
        fax.id(),
        exhausted
            ? Map.of("attempts", attempts, "reason", reason)
            : Map.of("attempts", attempts, "reason", reason, "nextAttemptAt", next.toString()));
    log.info(
        "Fax {}: acknowledgement attempt {} failed{}: {}",
        fax.id(),
        attempts,
        exhausted ? ", given up" : ", next at " + next,
        reason);
  }

  /**
   * Downloads, checks and delivers one fax. A document already staged and verified by an earlier
   * attempt is delivered from staging without downloading it again. With {@code stageOnly} a fax it
   * downloads is staged, recorded as downloaded and handed back, for a later run to deliver.
   * Provider-wide failures (rate limit, revoked authorization) propagate and end the run; anything
   * about this one fax is recorded on its row.
   */
  private Attempt deliverOne(
      Tenant tenant,
      ProviderConnection connection,
      FaxProvider provider,
      InboundFax fax,
      UUID claim,
      boolean stageOnly) {
    if (fax.source().defect() != null) {
      return fail(tenant, fax, claim, fax.source().defect(), false);
    }
    Path staged = settings.stagingDirectory().resolve(fax.id() + ".staged");
    Path partial = settings.stagingDirectory().resolve(fax.id() + ".part");
    boolean keepStaged = false;
    try {
      FileAccess.OWNER_ONLY.createDirectories(settings.stagingDirectory());
      DownloadedDocument document = alreadyStaged(fax, staged).orElse(null);
      if (document == null) {
        FileAccess.OWNER_ONLY.createEmptyFile(partial); // the download keeps its 0600 mode
        DownloadedDocument downloaded = provider.download(connection, fax.source(), partial);
        Files.move(partial, staged, StandardCopyOption.REPLACE_EXISTING);
        document =
            new DownloadedDocument(
                staged, downloaded.size(), downloaded.sha256(), downloaded.contentType());
        if (!ledger.markDownloaded(fax.id(), claim, document.size(), document.sha256())) {
          return Attempt.FENCED;
        }
        audit.record(
            AuditKind.FAX_DOWNLOADED,
            ACTOR,
            tenant.id().value(),
            connection.id().value(),
            fax.id(),
            Map.of("size", document.size(), "sha256", document.sha256()));
        if (stageOnly) {
          keepStaged = true;
          return ledger.release(fax.id(), claim) ? Attempt.STAGED : Attempt.FENCED;
        }
      }
      RoutedDelivery.Result result =
          routed.deliver(
              new FaxDocument(
                  tenant,
                  fax,
                  document,
                  new FaxDocument.Source(
                      fax.source().provider(), provider.sourceBlock(fax.source()))),
              connection,
              claim);
      if (result instanceof RoutedDelivery.Result.Delivered delivered) {
        if (!ledger.markDelivered(
            fax.id(),
            claim,
            document.size(),
            document.sha256(),
            delivered.location(),
            acknowledgements.of(tenant.id(), connection.id()))) {
          return Attempt.FENCED;
        }
        audit.record(
            AuditKind.FAX_DELIVERED,
            ACTOR,
            tenant.id().value(),
            connection.id().value(),
            fax.id(),
            Map.of(
                "location", delivered.location(),
                "size", document.size(),
                "sha256", document.sha256()));
        metrics.delivered(
            tenant.slug(), Duration.between(fax.source().receivedAt(), clock.instant()));
        return Attempt.DELIVERED;
      }
      if (result instanceof RoutedDelivery.Result.Waiting waiting) {
        keepStaged = true;
        return waitFor(tenant, fax, claim, waiting);
      }
      if (result instanceof RoutedDelivery.Result.DeadLettered dead) {
        return fail(tenant, fax, claim, dead.reason(), true);
      }
      if (result instanceof RoutedDelivery.Result.Fenced) {
        return Attempt.FENCED;
      }
      RoutedDelivery.Result.Failed failed = (RoutedDelivery.Result.Failed) result;
      if (!failed.permanent()) {
        keepStaged = !retries.exhaustedAfter(fax.attempts() + 1);
      }
      return fail(tenant, fax, claim, failed.reason(), failed.permanent());
    } catch (ProviderException.Gone gone) {
      return fail(tenant, fax, claim, gone.getMessage(), true);
    } catch (ProviderException.Unavailable unavailable) {
      return fail(tenant, fax, claim, unavailable.getMessage(), false);
    } catch (IOException e) {
      return fail(tenant, fax, claim, "Staging directory not writable: " + e.getMessage(), false);
    } finally {
      remove(partial);
      if (!keepStaged) {
        remove(staged);
      }
    }
  }

  /** The staged copy of an earlier attempt, if it is still there and still hashes as recorded. */
  private static Optional<DownloadedDocument> alreadyStaged(InboundFax fax, Path staged) {
    if (fax.sha256() == null || fax.size() == null || !Files.isRegularFile(staged)) {
      return Optional.empty();
    }
    DocumentDigest digest = new DocumentDigest();
    try (InputStream in = Files.newInputStream(staged)) {
      digest.copy(in, OutputStream.nullOutputStream());
    } catch (IOException e) {
      return Optional.empty();
    }
    long size = digest.received();
    // The type the bytes begin with: a provider may list a fax before it knows (Faxage).
    String type = digest.type();
    String hash = digest.sha256();
    if (size != fax.size() || !hash.equals(fax.sha256())) {
      return Optional.empty();
    }
    return Optional.of(
        new DownloadedDocument(
            staged, size, hash, type != null ? type : fax.source().contentType()));
  }

  private static void remove(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("Could not remove staging file {}: {}", file, e.getMessage());
    }
  }

  /**
   * Some of the fax's destinations wait for their next attempt: the fax is due again when the
   * earliest of them is, whatever its own attempts (each destination counts its own).
   */
  private Attempt waitFor(
      Tenant tenant, InboundFax fax, UUID claim, RoutedDelivery.Result.Waiting waiting) {
    return failedUntil(tenant, fax, claim, waiting.reason(), waiting.next(), fax.attempts() + 1);
  }

  private Attempt fail(
      Tenant tenant, InboundFax fax, UUID claim, String reason, boolean permanent) {
    int attempts = fax.attempts() + 1;
    if (permanent || retries.exhaustedAfter(attempts)) {
      if (!ledger.markAbandoned(fax.id(), claim, reason)) {
        return Attempt.FENCED;
      }
      metrics.abandoned(tenant.slug());
      audit.record(
          AuditKind.FAX_ABANDONED,
          ACTOR,
          tenant.id().value(),
          fax.connectionId().value(),
          fax.id(),
          Map.of("attempts", attempts, "reason", reason));
      log.warn("Fax {} abandoned after {} attempts: {}", fax.id(), attempts, reason);
    } else {
      Instant next = retries.nextAttempt(clock.instant(), attempts);
      return failedUntil(tenant, fax, claim, reason, next, attempts);
    }
    return Attempt.FAILED;
  }

  private Attempt failedUntil(
      Tenant tenant, InboundFax fax, UUID claim, String reason, Instant next, int attempts) {
    if (!ledger.markFailed(fax.id(), claim, next, reason)) {
      return Attempt.FENCED;
    }
    metrics.failed(tenant.slug());
    audit.record(
        AuditKind.FAX_FAILED,
        ACTOR,
        tenant.id().value(),
        fax.connectionId().value(),
        fax.id(),
        Map.of("attempts", attempts, "reason", reason, "nextAttemptAt", next.toString()));
    log.info("Fax {} attempt {} failed, next at {}: {}", fax.id(), attempts, next, reason);
    return Attempt.FAILED;
  }
}
