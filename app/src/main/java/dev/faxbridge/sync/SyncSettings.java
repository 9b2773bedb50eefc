package dev.faxbridge.sync;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationStyle;

/**
 * How syncs run.
 *
 * @param overlap each listing starts this long before the mailbox's cursor, so a fax the provider
 *     indexed late is still seen; the ledger absorbs the repeats
 * @param initialLookback how far back the first listing of a new mailbox reaches (back-fill);
 *     RingCentral keeps faxes of HIPAA accounts for 30 days
 * @param deliveryBatch faxes delivered per run at most, so one run cannot last for hours
 * @param maxAttempts attempts before a fax is abandoned (dead letter) for an operator to retry
 * @param retryBase first retry delay; doubles per attempt, with jitter
 * @param retryMax the longest retry delay
 * @param stagingDirectory where documents are downloaded before delivery
 * @param claimLease how long a fax claimed for delivery stays away from other syncs; a node that
 *     dies holding it delays that fax by this much
 * @param retentionWindow how long the provider keeps an inbound fax (RingCentral, HIPAA: 30 days)
 * @param retentionWarning warn this long before a fax not yet delivered may age out
 * @param rereads wider windows listed again on a slower cadence, besides each run's {@code
 *     overlap}, so a fax the provider indexed late (visible only after its window was listed) is
 *     still found; each is {@code <window>/<every>}, for example {@code 24h/1h}
 * @param firstDeliveries faxes a scheduled sync that has listed takes before it lets the syncs of
 *     other connections that are due go first; the rest follows at once, without listing again.
 *     When more are due, it only downloads them, and their delivery follows with the rest
 * @param mailboxRefresh how often a connection's extensions are listed again to find new or removed
 *     fax mailboxes; in between, syncs use the mailboxes found last (a mailbox that answers 404 is
 *     looked for again at the next run)
 */
@ConfigurationProperties("faxbridge.sync")
public record SyncSettings(
    @DefaultValue("10m") Duration overlap,
    @DefaultValue("30d") Duration initialLookback,
    @DefaultValue("200") int deliveryBatch,
    @DefaultValue("10") int maxAttempts,
    @DefaultValue("30s") Duration retryBase,
    @DefaultValue("1h") Duration retryMax,
    @DefaultValue("./data/staging") Path stagingDirectory,
    @DefaultValue("10m") Duration claimLease,
    @DefaultValue("30d") Duration retentionWindow,
    @DefaultValue("7d") Duration retentionWarning,
    @DefaultValue({"24h/1h", "7d/1d"}) List<Reread> rereads,
    @DefaultValue("1h") Duration mailboxRefresh,
    @DefaultValue("1") int firstDeliveries) {

  /** A window of {@code window} back from now, listed again every {@code every}. */
  public record Reread(Duration window, Duration every) {

    public Reread {
      if (window.isNegative() || window.isZero() || every.isNegative() || every.isZero()) {
        throw new IllegalArgumentException(
            "faxbridge.sync.rereads: window and cadence must be positive, were "
                + window
                + " and "
                + every);
      }
    }

    /**
     * Reads {@code <window>/<every>}, each a duration such as {@code 24h}, {@code 7d}, {@code
     * PT1H}.
     */
    public static Reread valueOf(String text) {
      String[] parts = text.split("/");
      if (parts.length != 2) {
        throw new IllegalArgumentException(
            "faxbridge.sync.rereads entries read <window>/<every>, such as 24h/1h; was '"
                + text
                + "'");
      }
      return new Reread(
          DurationStyle.detectAndParse(parts[0].trim()),
          DurationStyle.detectAndParse(parts[1].trim()));
    }
  }

  public SyncSettings {
    if (overlap.isNegative()) {
      throw new IllegalArgumentException(
          "faxbridge.sync.overlap must not be negative, was " + overlap);
    }
    if (initialLookback.isNegative() || initialLookback.isZero()) {
      throw new IllegalArgumentException(
          "faxbridge.sync.initial-lookback must be positive, was " + initialLookback);
    }
    if (deliveryBatch < 1) {
      throw new IllegalArgumentException(
          "faxbridge.sync.delivery-batch must be at least 1, was " + deliveryBatch);
    }
    if (claimLease.isNegative() || claimLease.isZero()) {
      throw new IllegalArgumentException(
          "faxbridge.sync.claim-lease must be positive, was " + claimLease);
    }
    if (retentionWarning.isNegative() || retentionWarning.compareTo(retentionWindow) >= 0) {
      throw new IllegalArgumentException(
          "faxbridge.sync.retention-warning must be between 0 and retention-window ("
              + retentionWindow
              + "), was "
              + retentionWarning);
    }
    if (firstDeliveries < 1) {
      throw new IllegalArgumentException(
          "faxbridge.sync.first-deliveries must be at least 1, was " + firstDeliveries);
    }
    if (mailboxRefresh.isNegative()) {
      throw new IllegalArgumentException(
          "faxbridge.sync.mailbox-refresh must not be negative, was " + mailboxRefresh);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(
          "faxbridge.sync.max-attempts must be at least 1, was " + maxAttempts);
    }
  }
}
