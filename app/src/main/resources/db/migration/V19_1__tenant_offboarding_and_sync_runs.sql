-- When an operator offboarded the tenant: its connections are switched off and their secrets
-- wiped; the row stays (the ledger and the audit trail refer to it) and keeps its slug.
alter table tenant add column offboarded_at timestamptz;

-- The last sync of each connection as the operator API reports it: when it ran, how it ended,
-- and the last failure with when it happened (a short reason, never PHI or a secret).
create table connection_sync_run (
    connection_id uuid primary key references provider_connection (id) on delete cascade,
    last_run_at   timestamptz not null,
    last_outcome  text not null,
    last_error    text,
    last_error_at timestamptz
);

-- Cursor paging of the audit trail by tenant, newest first.
create index audit_event_tenant_id on audit_event (tenant_id, id);
