-- Phone numbers are PHI: stored sealed (AEAD, associated data = the row's id) like secrets. The
-- application seals rows still holding clear numbers on start and clears the old columns (the
-- keyset is not available to migrations); a later release drops them.
alter table inbound_fax add column from_number_sealed bytea;
alter table inbound_fax add column to_number_sealed bytea;

-- The daily purge deletes ledger rows by the time they reached their final state.
create index inbound_fax_finished on inbound_fax (coalesce(acknowledged_at, delivered_at, abandoned_at))
    where state in ('DELIVERED', 'ACKNOWLEDGED', 'ABANDONED');
create index audit_event_occurred on audit_event (occurred_at);

-- The audit trail stays append-only, except for the retention purge: purge_audit_events sets a
-- transaction-local cutoff, and the trigger lets through deletes of rows older than that cutoff
-- only. Updates are always refused.
create or replace function audit_event_is_append_only() returns trigger as $$
declare
    cutoff text := current_setting('faxbridge.audit_purge_before', true);
begin
    if tg_op = 'DELETE' and cutoff is not null and cutoff <> ''
            and old.occurred_at < cutoff::timestamptz then
        return old;
    end if;
    raise exception 'audit_event is append-only';
end;
$$ language plpgsql;

create function purge_audit_events(before timestamptz) returns bigint as $$
declare
    purged bigint;
begin
    perform set_config('faxbridge.audit_purge_before', before::text, true);
    delete from audit_event where occurred_at < before;
    get diagnostics purged = row_count;
    perform set_config('faxbridge.audit_purge_before', '', true);
    return purged;
end;
$$ language plpgsql;
