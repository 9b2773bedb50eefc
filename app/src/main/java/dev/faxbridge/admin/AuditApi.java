package dev.faxbridge.admin;

import dev.faxbridge.audit.AuditEvent;
import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.tenant.Tenants;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail, read back: who did what, newest first, filtered, a page at a time. */
@RestController
@Tag(name = "Audit")
class AuditApi {

  private final AuditTrail audit;
  private final Tenants tenants;

  AuditApi(AuditTrail audit, Tenants tenants) {
    this.audit = audit;
    this.tenants = tenants;
  }

  /** One audit event; {@code detail} holds ids and outcomes, never PHI or secrets. */
  record AuditEventView(
      String id,
      Instant occurredAt,
      String kind,
      String actor,
      String tenantId,
      String connectionId,
      String faxId,
      Map<String, Object> detail) {
    static AuditEventView of(AuditEvent event) {
      return new AuditEventView(
          String.valueOf(event.id()),
          event.occurredAt(),
          event.kind().name(),
          event.actor(),
          text(event.tenantId()),
          text(event.connectionId()),
          text(event.faxId()),
          event.detail());
    }

    private static String text(UUID id) {
      return id == null ? null : id.toString();
    }
  }

  @GetMapping("/api/audit")
  @Operation(
      summary = "The audit trail, newest first, a page at a time",
      description =
          "tenant: an id or slug; connection, fax: ids; kind: an event kind such as"
              + " CONNECTION_ADDED; actor: an operator's name; from/to: occurred in [from, to)")
  Paging.Page<AuditEventView> events(
      @RequestParam(required = false) String tenant,
      @RequestParam(required = false) String connection,
      @RequestParam(required = false) String fax,
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) String actor,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    int size = Paging.limit(limit);
    AuditTrail.Filter filter =
        new AuditTrail.Filter(
            tenant == null ? null : tenants.resolve(tenant).id().value(),
            Paging.uuid("connection", connection),
            Paging.uuid("fax", fax),
            kind(kind),
            actor == null || actor.isBlank() ? null : actor,
            Paging.instant("from", from),
            Paging.instant("to", to));
    String position = Paging.position(cursor, "audit");
    Long before;
    try {
      before = position == null ? null : Long.valueOf(position);
    } catch (NumberFormatException e) {
      throw Paging.notOurs("audit");
    }
    return Paging.page(
        audit.page(filter, before, size + 1),
        size,
        "audit",
        event -> String.valueOf(event.id()),
        AuditEventView::of);
  }

  private static AuditKind kind(String kind) {
    if (kind == null || kind.isBlank()) {
      return null;
    }
    try {
      return AuditKind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "kind is one of " + Arrays.toString(AuditKind.values()) + ", was '" + kind + "'");
    }
  }
}
