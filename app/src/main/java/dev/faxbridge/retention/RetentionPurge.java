package dev.faxbridge.retention;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.delivery.webhook.SignedDocumentLinks;
import dev.faxbridge.fax.FaxLedger;
import dev.faxbridge.sync.SyncSettings;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes what is past its retention: ledger rows of faxes finished longer ago than {@code
 * faxbridge.retention.ledger}, audit events older than {@code faxbridge.retention.audit}, and
 * staged documents of faxes no longer on their way (left behind by a crash; delivery and
 * abandonment delete their own), and the copies behind expired document download links. Each run is
 * itself an audit event.
 */
@Component
public class RetentionPurge {

  private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);
  static final String ACTOR = "retention-purge";

  private final FaxLedger ledger;
  private final AuditTrail audit;
  private final RetentionSettings settings;
  private final Path staging;
  private final SignedDocumentLinks links;
  private final Clock clock;

  RetentionPurge(
      FaxLedger ledger,
      AuditTrail audit,
      RetentionSettings settings,
      SyncSettings sync,
      SignedDocumentLinks links,
      Clock clock) {
    Duration listed =
        Stream.concat(
                Stream.of(sync.retentionWindow(), sync.initialLookback()),
                sync.rereads().stream().map(SyncSettings.Reread::window))
            .max(Duration::compareTo)
            .orElseThrow();
    if (settings.ledger().compareTo(listed) <= 0) {
      throw new IllegalArgumentException(
          "faxbridge.retention.ledger ("
              + settings.ledger()
              + ") must be longer than the longest window faxbridge lists the provider over ("
              + listed
              + "), or a purged fax could be listed and delivered again");
    }
    this.ledger = ledger;
    this.audit = audit;
    this.settings = settings;
    this.staging = sync.stagingDirectory();
    this.links = links;
    this.clock = clock;
  }

  /** What one run deleted. */
  public record Purged(int ledgerRows, long auditEvents, int stagedFiles) {}

  public Purged run() {
    Instant now = clock.instant();
    Instant ledgerCutoff = now.minus(settings.ledger());
    Instant auditCutoff = now.minus(settings.audit());
    Purged purged =
        new Purged(
            ledger.purgeFinishedBefore(ledgerCutoff),
            audit.purgeBefore(auditCutoff),
            removeStagedLeftovers());
    int expiredLinks = links.removeExpired();
    audit.record(
        AuditKind.RETENTION_PURGED,
        ACTOR,
        null,
        null,
        null,
        Map.of(
            "ledgerRows", purged.ledgerRows(),
            "ledgerFinishedBefore", ledgerCutoff.toString(),
            "auditEvents", purged.auditEvents(),
            "auditBefore", auditCutoff.toString(),
            "stagedFiles", purged.stagedFiles(),
            "expiredDocumentLinks", expiredLinks));
    log.info(
        "Retention purge: {} ledger rows, {} audit events, {} staged files, {} expired links",
        purged.ledgerRows(),
        purged.auditEvents(),
        purged.stagedFiles(),
        expiredLinks);
    return purged;
  }

  private int removeStagedLeftovers() {
    Set<UUID> pending = ledger.pendingIds();
    int removed = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(staging, "*.{staged,part}")) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        UUID fax;
        try {
          fax = UUID.fromString(name.substring(0, name.lastIndexOf('.')));
        } catch (IllegalArgumentException notOurs) {
          continue;
        }
        if (!pending.contains(fax) && Files.deleteIfExists(file)) {
          removed++;
        }
      }
    } catch (NoSuchFileException nothingStagedYet) {
      return 0;
    } catch (IOException e) {
      log.warn("Could not sweep the staging directory {}: {}", staging, e.getMessage());
    }
    return removed;
  }
}
