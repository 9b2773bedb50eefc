package dev.faxbridge.audit;

/** What happened. Credential events first, then fax events. */
public enum AuditKind {
  TENANT_CREATED,
  CONNECTION_ADDED,
  CREDENTIAL_VALIDATED,
  CREDENTIAL_REJECTED,
  TOKEN_ISSUED,
  TOKEN_FAILED,
  FAX_DISCOVERED,
  FAX_DOWNLOADED,
  FAX_DELIVERED,
  FAX_FAILED,
  FAX_ABANDONED,
  FAX_RETRIED,
  FAX_ACKNOWLEDGED
}
