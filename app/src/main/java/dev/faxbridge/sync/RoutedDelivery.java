package dev.faxbridge.sync;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.delivery.DeliveryOutcome;
import dev.faxbridge.delivery.Destination;
import dev.faxbridge.delivery.FaxDocument;
import dev.faxbridge.delivery.routing.DestinationFactory;
import dev.faxbridge.delivery.routing.RoutingRules;
import dev.faxbridge.delivery.routing.TenantDestination;
import dev.faxbridge.delivery.routing.TenantDestinations;
import dev.faxbridge.fax.FaxDeliveries;
import dev.faxbridge.fax.InboundFax;
import dev.faxbridge.platform.PausePoints;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The delivery step of a sync: hands one claimed, staged fax to its destinations.
 *
 * <p>A tenant without destinations of its own gets today's behaviour: the global folder, and the
 * fax's own attempts and backoff. Otherwise the fax is routed once ({@link RoutingRules}) and
 * tracked per destination ({@link FaxDeliveries}): each due destination is tried, and records its
 * own success, failure with backoff, or dead letter; a destination that is down never holds back
 * another. The fax is delivered when every destination has it, waits while any is pending, and is
 * abandoned when none is pending and one was given up. Every ledger write names the claim; the
 * pause point {@link PausePoints#DELIVERED_NOT_RECORDED} sits between a destination's success and
 * its ledger write, where a crash leaves a delivery the destination recognises on the next try.
 */
@Component
class RoutedDelivery {

  private static final Logger log = LoggerFactory.getLogger(RoutedDelivery.class);
  private static final String ACTOR = "sync";

  /** What became of the fax as a whole. */
  sealed interface Result {
    /** Every destination has it (or the global folder does). */
    record Delivered(String location) implements Result {}

    /** The global folder's answer other than delivered: the fax's own retry rules apply. */
    record Failed(String reason, boolean permanent) implements Result {}

    /** Some destination is pending; the fax is due again at {@code next}. */
    record Waiting(Instant next, String reason) implements Result {}

    /** No destination is pending and at least one was given up. */
    record DeadLettered(String reason) implements Result {}

    /** The claim moved on; nothing more was recorded. */
    record Fenced() implements Result {}
  }

  private final Destination globalFolder;
  private final TenantDestinations destinations;
  private final RoutingRules rules;
  private final DestinationFactory factory;
  private final FaxDeliveries deliveries;
  private final AuditTrail audit;
  private final RetryPolicy retries;
  private final Clock clock;

  RoutedDelivery(
      Destination globalFolder,
      TenantDestinations destinations,
      RoutingRules rules,
      DestinationFactory factory,
      FaxDeliveries deliveries,
      AuditTrail audit,
      SyncSettings settings,
      Clock clock) {
    this.globalFolder = globalFolder;
    this.destinations = destinations;
    this.rules = rules;
    this.factory = factory;
    this.deliveries = deliveries;
    this.audit = audit;
    this.retries =
        new RetryPolicy(settings.retryBase(), settings.retryMax(), settings.maxAttempts());
    this.clock = clock;
  }

  Result deliver(FaxDocument document, ProviderConnection connection, UUID claim) {
    InboundFax fax = document.fax();
    List<FaxDeliveries.Delivery> routed = deliveries.forFax(fax.id());
    List<FaxDeliveries.Delivery> kept = new ArrayList<>();
    for (FaxDeliveries.Delivery delivery : routed) {
      if (delivery.state() != FaxDeliveries.State.PENDING || isLive(delivery.destinationId())) {
        kept.add(delivery);
      } else if (deliveries.withdraw(fax.id(), delivery.destinationId(), claim)) {
        record(
            AuditKind.FAX_DESTINATION_WITHDRAWN,
            fax,
            Map.of("destinationId", delivery.destinationId().toString()));
      } else {
        return new Result.Fenced();
      }
    }
    routed = kept;
    if (routed.isEmpty() && !destinations.hasAny(fax.tenantId())) {
      return toGlobalFolder(document);
    }
    if (routed.isEmpty()) {
      List<UUID> chosen =
          rules.destinationsFor(
              fax.tenantId(),
              fax.source().toNumber(),
              Set.of(connection.provider().name().toLowerCase(), connection.id().toString()),
              destinations.forTenant(fax.tenantId()));
      if (chosen.isEmpty()) {
        return new Result.Failed(
            "No destination is routed for this fax: no rule matches its number or source, there"
                + " is no default rule, or the destinations named are switched off",
            false);
      }
      routed = deliveries.route(fax.id(), claim, chosen);
      if (routed.isEmpty()) {
        return new Result.Fenced();
      }
    }
    Instant now = clock.instant();
    for (FaxDeliveries.Delivery delivery : routed) {
      if (delivery.due(now) && !attempt(document, delivery, claim)) {
        return new Result.Fenced();
      }
    }
    return summary(deliveries.forFax(fax.id()));
  }

  private Result toGlobalFolder(FaxDocument document) {
    DeliveryOutcome outcome = globalFolder.deliver(document);
    if (outcome instanceof DeliveryOutcome.Delivered delivered) {
      PausePoints.reach(PausePoints.DELIVERED_NOT_RECORDED);
      return new Result.Delivered(delivered.location());
    }
    if (outcome instanceof DeliveryOutcome.Rejected rejected) {
      return new Result.Failed(rejected.reason(), true);
    }
    return new Result.Failed(((DeliveryOutcome.RetryLater) outcome).reason(), false);
  }

  /**
   * One destination's attempt and its record.
   *
   * @return false when the claim had moved on
   */
  private boolean attempt(FaxDocument document, FaxDeliveries.Delivery delivery, UUID claim) {
    InboundFax fax = document.fax();
    Optional<TenantDestination> stored = destinations.find(delivery.destinationId());
    DeliveryOutcome outcome = outcome(document, stored);
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("destinationId", delivery.destinationId().toString());
    stored.ifPresent(d -> detail.put("destination", d.name()));
    int attempts = delivery.attempts() + 1;
    detail.put("attempts", attempts);
    if (outcome instanceof DeliveryOutcome.Delivered delivered) {
      PausePoints.reach(PausePoints.DELIVERED_NOT_RECORDED);
      if (!deliveries.markDelivered(
          fax.id(), delivery.destinationId(), claim, delivered.location())) {
        return false;
      }
      detail.put("location", delivered.location());
      record(AuditKind.FAX_DELIVERED_TO_DESTINATION, fax, detail);
      return true;
    }
    String reason =
        outcome instanceof DeliveryOutcome.Rejected rejected
            ? rejected.reason()
            : ((DeliveryOutcome.RetryLater) outcome).reason();
    detail.put("reason", reason);
    if (outcome instanceof DeliveryOutcome.Rejected || retries.exhaustedAfter(attempts)) {
      if (!deliveries.markAbandoned(fax.id(), delivery.destinationId(), claim, reason)) {
        return false;
      }
      record(AuditKind.FAX_DESTINATION_ABANDONED, fax, detail);
      log.warn(
          "Fax {}: destination {} given up after {} attempts: {}",
          fax.id(),
          delivery.destinationId(),
          attempts,
          reason);
      return true;
    }
    Instant next = retries.nextAttempt(clock.instant(), attempts);
    if (!deliveries.markFailed(fax.id(), delivery.destinationId(), claim, next, reason)) {
      return false;
    }
    detail.put("nextAttemptAt", next.toString());
    record(AuditKind.FAX_DESTINATION_FAILED, fax, detail);
    log.info(
        "Fax {}: destination {} attempt {} failed, next at {}: {}",
        fax.id(),
        delivery.destinationId(),
        attempts,
        next,
        reason);
    return true;
  }

  private boolean isLive(UUID destination) {
    return destinations.find(destination).map(d -> d.removedAt() == null).orElse(false);
  }

  /** The destination's answer; never throws for anything about this fax or destination. */
  private DeliveryOutcome outcome(FaxDocument document, Optional<TenantDestination> stored) {
    if (stored.isEmpty() || stored.get().removedAt() != null) {
      return new DeliveryOutcome.Rejected("The destination was removed");
    }
    if (!stored.get().enabled()) {
      return new DeliveryOutcome.RetryLater("The destination is switched off");
    }
    try {
      return factory.of(stored.get()).deliver(document);
    } catch (IllegalArgumentException unusable) {
      return new DeliveryOutcome.RetryLater(
          "The destination's settings are unusable: " + unusable.getMessage());
    } catch (RuntimeException unexpected) {
      // The class only: a library's message could quote the document or a number.
      log.warn(
          "Fax {}: destination {} failed unexpectedly: {}",
          document.fax().id(),
          stored.get().id(),
          unexpected.getClass().getName());
      return new DeliveryOutcome.RetryLater(
          "The destination failed unexpectedly: " + unexpected.getClass().getSimpleName());
    }
  }

  private Result summary(List<FaxDeliveries.Delivery> now) {
    List<FaxDeliveries.Delivery> pending =
        now.stream().filter(d -> d.state() == FaxDeliveries.State.PENDING).toList();
    List<FaxDeliveries.Delivery> abandoned =
        now.stream().filter(d -> d.state() == FaxDeliveries.State.ABANDONED).toList();
    if (pending.isEmpty() && abandoned.isEmpty()) {
      return new Result.Delivered(
          now.stream()
              .map(d -> names(d.destinationId()) + ": " + d.deliveredTo())
              .collect(Collectors.joining("; ")));
    }
    if (!pending.isEmpty()) {
      Instant next =
          pending.stream()
              .map(FaxDeliveries.Delivery::nextAttemptAt)
              .min(Comparator.naturalOrder())
              .orElseThrow();
      return new Result.Waiting(next, reasons(pending));
    }
    return new Result.DeadLettered(reasons(abandoned));
  }

  private String reasons(List<FaxDeliveries.Delivery> failing) {
    return failing.stream()
        .map(
            d ->
                names(d.destinationId())
                    + ": "
                    + (d.lastError() == null ? "not tried yet" : d.lastError()))
        .collect(Collectors.joining("; "));
  }

  private String names(UUID destination) {
    return destinations.find(destination).map(TenantDestination::name).orElse("destination");
  }

  private void record(AuditKind kind, InboundFax fax, Map<String, Object> detail) {
    audit.record(kind, ACTOR, fax.tenantId().value(), fax.connectionId().value(), fax.id(), detail);
  }
}
