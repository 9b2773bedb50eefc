package dev.faxbridge.audit;

/** What happened. Credential events first, then fax events. */
public enum AuditKind {
  TENANT_CREATED,
  /** An operator changed a tenant's name or sync interval. */
  TENANT_UPDATED,
  /** An operator offboarded a tenant: connections switched off, secrets wiped. */
  TENANT_OFFBOARDED,
  CONNECTION_ADDED,
  CREDENTIAL_VALIDATED,
  CREDENTIAL_REJECTED,
  TOKEN_ISSUED,
  TOKEN_FAILED,
  CONNECTION_NEEDS_REAUTHORIZATION,
  CONNECTION_REAUTHORIZED,
  CONNECTION_REMOVED,
  CONNECT_LINK_CREATED,
  CONNECT_LINK_REFUSED,
  CONNECT_LINK_REVOKED,
  CONNECT_LINK_LOCKED,
  NOTIFICATION_SENT,
  NOTIFICATION_FAILED,
  OPERATOR_CREATED,
  OPERATOR_TOKEN_CREATED,
  OPERATOR_TOKEN_REVOKED,
  OPERATOR_REVOKED,
  SECRETS_REENCRYPTED,
  /** An operator added a destination to a tenant. */
  DESTINATION_CREATED,
  /** An operator changed a destination (its settings, secret, location or switch). */
  DESTINATION_UPDATED,
  /** An operator removed a destination; its secret is wiped. */
  DESTINATION_REMOVED,
  /** An operator added or deleted a routing rule. */
  ROUTING_RULE_CREATED,
  ROUTING_RULE_DELETED,
  FAX_DISCOVERED,
  FAX_DOWNLOADED,
  FAX_DELIVERED,
  /** One of the fax's destinations has it; the fax is DELIVERED once all have. */
  FAX_DELIVERED_TO_DESTINATION,
  /** One of the fax's destinations failed; it is tried again on its own. */
  FAX_DESTINATION_FAILED,
  /** One of the fax's destinations was given up (a dead letter); the others go on. */
  FAX_DESTINATION_ABANDONED,
  /**
   * A pending delivery of the fax was withdrawn because its destination was removed; the fax goes
   * to its remaining destinations, or is routed again when none remain.
   */
  FAX_DESTINATION_WITHDRAWN,
  /** A signed download link of a fax document (webhook destinations in link mode) was used. */
  FAX_DOCUMENT_DOWNLOADED,
  FAX_FAILED,
  FAX_ABANDONED,
  FAX_RETRIED,
  FAX_ACKNOWLEDGED,
  FAX_ACKNOWLEDGEMENT_FAILED,
  FAX_ACKNOWLEDGEMENT_ABANDONED,
  /** An operator asked for a fax's phone numbers in the clear. */
  PHI_REVEALED,
  /** The daily purge deleted ledger rows and audit events past their retention. */
  RETENTION_PURGED,
  /** An operator retired a drained source (Faxage); its credential was wiped. */
  CONNECTION_RETIRED,
  /** An operator asked to retire a source that was not drained; nothing changed. */
  CONNECTION_RETIREMENT_REFUSED
}
