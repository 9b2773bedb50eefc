-- DOWNLOADED: the document is staged and verified (size, type, SHA-256) but not yet delivered; a
-- retry after a failed delivery reuses the staged copy instead of downloading it again.
alter table inbound_fax drop constraint fax_state_known;
alter table inbound_fax add constraint fax_state_known
    check (state in ('DISCOVERED', 'DOWNLOADED', 'DELIVERED', 'ACKNOWLEDGED', 'FAILED', 'ABANDONED'));

-- The acknowledgement at the source owed for a delivered fax (null: none), and when it was done.
alter table inbound_fax add column acknowledgement text
    constraint fax_acknowledgement_known check (acknowledgement in ('MARK_READ', 'DELETE'));
alter table inbound_fax add column acknowledged_at timestamptz;
alter table inbound_fax add column abandoned_at timestamptz;

drop index inbound_fax_pending;
create index inbound_fax_pending on inbound_fax (connection_id, next_attempt_at)
    where state in ('DISCOVERED', 'DOWNLOADED', 'FAILED');
create index inbound_fax_unacknowledged on inbound_fax (connection_id)
    where state = 'DELIVERED' and acknowledgement is not null;
create index inbound_fax_abandoned on inbound_fax (tenant_id) where state = 'ABANDONED';

-- Per tenant: what faxbridge does to a fax at the source after delivering it.
alter table tenant add column source_acknowledgement text not null default 'NONE'
    constraint tenant_source_acknowledgement_known check (source_acknowledgement in ('NONE', 'MARK_READ', 'DELETE'));
