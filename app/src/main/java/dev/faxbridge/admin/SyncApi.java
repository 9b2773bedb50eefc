package dev.faxbridge.admin;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.fax.FaxLedger;
import dev.faxbridge.fax.FaxState;
import dev.faxbridge.fax.InboundFax;
import dev.faxbridge.provider.Acknowledgement;
import dev.faxbridge.sync.Backfill;
import dev.faxbridge.sync.DeadLetters;
import dev.faxbridge.sync.RetentionWatch;
import dev.faxbridge.sync.SourceAcknowledgements;
import dev.faxbridge.tenant.Tenant;
import dev.faxbridge.tenant.TenantId;
import dev.faxbridge.tenant.Tenants;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's handles on the sync engine: dead letters (list, retry), back-fill from a date, the
 * retention warning, and each tenant's acknowledgement at the source. Answers carry ids, states and
 * reasons; phone numbers only masked, or in the clear to an operator who asks (audited).
 */
@RestController
@Tag(name = "Sync")
class SyncApi {

  private final DeadLetters deadLetters;
  private final Backfill backfill;
  private final RetentionWatch retention;
  private final SourceAcknowledgements acknowledgements;
  private final Tenants tenants;
  private final Connections connections;
  private final FaxLedger ledger;
  private final AuditTrail audit;

  SyncApi(
      DeadLetters deadLetters,
      Backfill backfill,
      RetentionWatch retention,
      SourceAcknowledgements acknowledgements,
      Tenants tenants,
      Connections connections,
      FaxLedger ledger,
      AuditTrail audit) {
    this.deadLetters = deadLetters;
    this.backfill = backfill;
    this.retention = retention;
    this.acknowledgements = acknowledgements;
    this.tenants = tenants;
    this.connections = connections;
    this.ledger = ledger;
    this.audit = audit;
  }

  /**
   * One ledger row. {@code reveal=phoneNumbers} answers its phone numbers in the clear and records
   * which operator asked in the audit trail; without it they are masked.
   */
  @GetMapping("/api/faxes/{faxId}")
  @Operation(summary = "Read one ledger row; reveal=phoneNumbers shows its numbers (audited)")
  FaxView fax(
      @PathVariable String faxId, @RequestParam(name = "reveal", required = false) String reveal) {
    UUID id = faxId(faxId);
    if (reveal != null && !reveal.equals("phoneNumbers")) {
      throw new IllegalArgumentException("reveal can only be 'phoneNumbers', was '" + reveal + "'");
    }
    InboundFax fax =
        ledger.find(id).orElseThrow(() -> new NotFound("No fax " + faxId + " in the ledger"));
    if (reveal != null) {
      audit.record(
          AuditKind.PHI_REVEALED,
          AuditActor.current(),
          fax.tenantId().value(),
          fax.connectionId().value(),
          id,
          Map.of("revealed", "phoneNumbers"));
    }
    return FaxView.of(fax, reveal != null);
  }

  private static UUID faxId(String faxId) {
    try {
      return UUID.fromString(faxId);
    } catch (IllegalArgumentException e) {
      throw new NotFound("No fax '" + faxId + "' in the ledger (a fax id is a UUID)");
    }
  }

  @GetMapping("/api/dead-letters")
  @Operation(
      summary = "Dead letters (faxes given up), newest first, a page at a time",
      description =
          "tenant: an id or slug; from/to: received in [from, to); source: a connection id")
  Paging.Page<FaxView> deadLetters(
      @RequestParam(required = false) String tenant,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String source,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    TenantId owner = tenant == null ? null : tenants.resolve(tenant).id();
    UUID connection = Paging.uuid("source", source);
    FaxLedger.Filter filter =
        new FaxLedger.Filter(
            owner,
            FaxState.ABANDONED,
            connection == null ? null : new ConnectionId(connection),
            Paging.instant("from", from),
            Paging.instant("to", to));
    return FaxView.page(ledger, filter, cursor, limit, "dead-letters");
  }

  @PostMapping("/api/dead-letters/{faxId}/retry")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(summary = "Give a dead letter a fresh set of attempts and sync its connection now")
  @ApiResponse(responseCode = "202", description = "Retried; the fax is pending again")
  @ApiResponse(responseCode = "409", description = "The fax is in the ledger but no dead letter")
  FaxView retry(@PathVariable String faxId) {
    UUID id = faxId(faxId);
    InboundFax fax =
        ledger.find(id).orElseThrow(() -> new NotFound("No fax " + faxId + " in the ledger"));
    return deadLetters
        .retry(id, AuditActor.current())
        .map(FaxView::of)
        .orElseThrow(
            () ->
                new Conflict(
                    "Fax "
                        + faxId
                        + " is no dead letter (it is "
                        + fax.state()
                        + "); only dead letters are retried",
                    Map.of("state", fax.state().name())));
  }

  /**
   * @param from an ISO-8601 instant
   */
  record BackfillRequest(String from) {}

  /**
   * @param from where the next sync reads from (the request, or the oldest allowed)
   */
  record BackfillView(String connectionId, Instant from, String status) {}

  @PostMapping("/api/connections/{connectionId}/backfill")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(summary = "Read the connection's mailboxes again from an instant, at its next sync")
  BackfillView backfill(@PathVariable String connectionId, @RequestBody BackfillRequest request) {
    ConnectionId connection = connections.get(connectionId).id();
    if (request.from() == null) {
      throw new IllegalArgumentException("A back-fill needs \"from\", an ISO-8601 instant");
    }
    Instant applied = backfill.from(connection, Paging.instant("\"from\"", request.from()));
    return new BackfillView(connection.toString(), applied, "requested");
  }

  /** One tenant's exposure to the provider's retention window (see {@link RetentionWatch}). */
  record RetentionView(
      String tenantId,
      String tenantSlug,
      Instant oldestUndelivered,
      Instant oldestCursor,
      Instant atRiskSince,
      Instant lostAfter,
      boolean warning) {
    static RetentionView of(RetentionWatch.Status status) {
      return new RetentionView(
          status.tenantId().toString(),
          status.tenantSlug(),
          status.oldestUndelivered(),
          status.oldestCursor(),
          status.atRiskSince(),
          status.lostAfter(),
          status.warning());
    }
  }

  @GetMapping("/api/retention")
  @Operation(summary = "Every tenant's faxes at risk of the provider's retention window")
  List<RetentionView> retention() {
    return retention.all().stream().map(RetentionView::of).toList();
  }

  /**
   * @param mode NONE, MARK_READ or DELETE
   */
  record AcknowledgementRequest(String mode) {}

  /**
   * @param mode NONE, MARK_READ or DELETE
   */
  record AcknowledgementView(String tenantId, String mode) {}

  @PutMapping("/api/tenants/{tenant}/acknowledgement")
  @Operation(summary = "Set what faxbridge does to a fax at the source once delivered")
  @ApiResponse(responseCode = "200", description = "Done")
  @ApiResponse(responseCode = "409", description = "The tenant was offboarded")
  AcknowledgementView acknowledgement(
      @PathVariable("tenant") String ref, @RequestBody AcknowledgementRequest request) {
    Tenant tenant = TenantApi.served(tenants.resolve(ref));
    Acknowledgement mode = parseMode(request.mode());
    acknowledgements.set(tenant.id(), mode);
    return new AcknowledgementView(tenant.id().toString(), mode.name());
  }

  @GetMapping("/api/tenants/{tenant}/acknowledgement")
  @Operation(summary = "What faxbridge does to a fax at the source once delivered")
  AcknowledgementView acknowledgement(@PathVariable("tenant") String ref) {
    Tenant tenant = tenants.resolve(ref);
    return new AcknowledgementView(tenant.id().toString(), acknowledgements.of(tenant.id()).name());
  }

  private static Acknowledgement parseMode(String mode) {
    try {
      return Acknowledgement.valueOf(
          String.valueOf(mode).trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "\"mode\" is one of NONE, MARK_READ, DELETE; was '" + mode + "'");
    }
  }
}
