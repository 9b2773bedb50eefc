package dev.faxbridge.bench;

import java.time.Duration;

/**
 * Push latency: from a fax's arrival at the platform (which sends the webhook at once) to the
 * delivered file (the ledger's {@code delivered_at}).
 *
 * @param tenants connections subscribed, faxes going to them in turn
 * @param faxes faxes sent, one every {@code spacing}
 * @param spacing time between two faxes (a tenant sees one every {@code tenants x spacing})
 * @param delivered faxes delivered before the run's limit
 * @param p50 median latency
 * @param p95 95th percentile
 * @param p99 99th percentile (with fewer than 100 faxes, the largest but one or the largest)
 * @param max largest
 */
record LatencyResult(
    int tenants,
    int faxes,
    Duration spacing,
    int delivered,
    Duration p50,
    Duration p95,
    Duration p99,
    Duration max) {}
