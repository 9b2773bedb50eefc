package dev.faxbridge.admin;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.fax.FaxLedger;
import dev.faxbridge.fax.InboundFax;
import dev.faxbridge.provider.Acknowledgement;
import dev.faxbridge.sync.Backfill;
import dev.faxbridge.sync.DeadLetters;
import dev.faxbridge.sync.RetentionWatch;
import dev.faxbridge.sync.SourceAcknowledgements;
import dev.faxbridge.tenant.Tenant;
import dev.faxbridge.tenant.TenantId;
import dev.faxbridge.tenant.Tenants;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's handles on the sync engine: dead letters (list, retry), back-fill from a date, the
 * retention warning, and each tenant's acknowledgement at the source. Answers carry ids, states and
 * reasons; phone numbers only masked, or in the clear to an operator who asks (audited).
 */
@RestController
class SyncApi {

  private static final String OPERATOR = "operator-api";

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
   * A ledger row as the operator sees it: where it came from and how far it got. Phone numbers are
   * masked to their last two digits unless revealed ({@link #fax}).
   */
  record FaxView(
      String id,
      String tenantId,
      String connectionId,
      String mailboxId,
      String messageId,
      String attachmentId,
      String state,
      int attempts,
      String lastError,
      Instant receivedAt,
      Instant nextAttemptAt,
      String fromNumber,
      String toNumber) {
    static FaxView of(InboundFax fax) {
      return of(fax, false);
    }

    static FaxView of(InboundFax fax, boolean reveal) {
      return new FaxView(
          fax.id().toString(),
          fax.tenantId().toString(),
          fax.connectionId().toString(),
          fax.source().mailboxId(),
          fax.source().messageId(),
          fax.source().attachmentId(),
          fax.state().name(),
          fax.attempts(),
          fax.lastError(),
          fax.source().receivedAt(),
          fax.nextAttemptAt(),
          reveal ? fax.source().fromNumber() : mask(fax.source().fromNumber()),
          reveal ? fax.source().toNumber() : mask(fax.source().toNumber()));
    }

    static String mask(String number) {
      if (number == null) {
        return null;
      }
      return number.length() <= 4 ? "***" : "***" + number.substring(number.length() - 2);
    }
  }

  /**
   * One ledger row. {@code reveal=phoneNumbers} answers its phone numbers in the clear and records
   * which operator asked in the audit trail; without it they are masked.
   */
  @GetMapping("/api/faxes/{faxId}")
  ResponseEntity<?> fax(
      @PathVariable String faxId, @RequestParam(name = "reveal", required = false) String reveal) {
    UUID id = faxId(faxId);
    if (reveal != null && !reveal.equals("phoneNumbers")) {
      throw new IllegalArgumentException("reveal can only be 'phoneNumbers', was '" + reveal + "'");
    }
    Optional<InboundFax> fax = ledger.find(id);
    if (fax.isEmpty()) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND)
          .body(
              ProblemDetail.forStatusAndDetail(
                  HttpStatus.NOT_FOUND, "No fax " + faxId + " in the ledger"));
    }
    if (reveal != null) {
      audit.record(
          AuditKind.PHI_REVEALED,
          AuditActor.current(),
          fax.get().tenantId().value(),
          fax.get().connectionId().value(),
          id,
          Map.of("revealed", "phoneNumbers"));
    }
    return ResponseEntity.ok(FaxView.of(fax.get(), reveal != null));
  }

  private static UUID faxId(String faxId) {
    try {
      return UUID.fromString(faxId);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("A fax id is a UUID, was '" + faxId + "'");
    }
  }

  @GetMapping("/api/dead-letters")
  List<FaxView> deadLetters(@RequestParam(name = "tenant", required = false) String slug) {
    TenantId tenant = slug == null ? null : tenantBySlug(slug).id();
    return deadLetters.list(tenant).stream().map(FaxView::of).toList();
  }

  @PostMapping("/api/dead-letters/{faxId}/retry")
  ResponseEntity<?> retry(@PathVariable String faxId) {
    UUID id = faxId(faxId);
    return deadLetters
        .retry(id, OPERATOR)
        .<ResponseEntity<?>>map(fax -> ResponseEntity.accepted().body(FaxView.of(fax)))
        .orElseGet(
            () ->
                ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(
                        ProblemDetail.forStatusAndDetail(
                            HttpStatus.NOT_FOUND,
                            "No dead letter " + faxId + " (unknown, or retried already)")));
  }

  record BackfillRequest(String from) {}

  @PostMapping("/api/connections/{id}/backfill")
  ResponseEntity<Map<String, Object>> backfill(
      @PathVariable String id, @RequestBody BackfillRequest request) {
    ConnectionId connection = connections.get(ConnectionId.parse(id)).id();
    if (request == null || request.from() == null) {
      throw new IllegalArgumentException("A back-fill needs \"from\", an ISO-8601 instant");
    }
    Instant from;
    try {
      from = Instant.parse(request.from());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "\"from\" must be an ISO-8601 instant such as 2026-11-01T00:00:00Z, was '"
              + request.from()
              + "'");
    }
    Instant applied = backfill.from(connection, from);
    return ResponseEntity.accepted()
        .body(
            Map.of(
                "connectionId", connection.toString(),
                "from", applied.toString(),
                "status", "requested"));
  }

  @GetMapping("/api/retention")
  List<RetentionWatch.Status> retention() {
    return retention.all();
  }

  record AcknowledgementRequest(String mode) {}

  @PutMapping("/api/tenants/{id}/acknowledgement")
  Map<String, String> acknowledgement(
      @PathVariable String id, @RequestBody AcknowledgementRequest request) {
    Tenant tenant = tenants.get(TenantId.parse(id));
    Acknowledgement mode = parseMode(request == null ? null : request.mode());
    acknowledgements.set(tenant.id(), mode);
    return Map.of("tenantId", tenant.id().toString(), "mode", mode.name());
  }

  @GetMapping("/api/tenants/{id}/acknowledgement")
  Map<String, String> acknowledgement(@PathVariable String id) {
    Tenant tenant = tenants.get(TenantId.parse(id));
    return Map.of(
        "tenantId", tenant.id().toString(), "mode", acknowledgements.of(tenant.id()).name());
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

  private Tenant tenantBySlug(String slug) {
    return tenants
        .findBySlug(slug)
        .orElseThrow(() -> new IllegalArgumentException("No tenant with slug '" + slug + "'"));
  }
}
