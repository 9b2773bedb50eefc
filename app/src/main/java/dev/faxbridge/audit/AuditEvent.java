package dev.faxbridge.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One entry of the audit trail, as read back. */
public record AuditEvent(
    long id,
    Instant occurredAt,
    AuditKind kind,
    String actor,
    UUID tenantId,
    UUID connectionId,
    UUID faxId,
    Map<String, Object> detail) {}
