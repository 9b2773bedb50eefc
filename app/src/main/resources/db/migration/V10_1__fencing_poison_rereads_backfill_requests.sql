-- Fencing: each claim of a fax for a delivery attempt gets a fresh token; every ledger write of that
-- attempt names it and changes nothing once another claim has replaced it.
alter table inbound_fax add column claim_token uuid;

-- A listed record faxbridge cannot deliver as it is (no document uri, no valid creationTime): kept
-- as that fax's failure, with the reason, until a later listing brings a usable record.
alter table inbound_fax add column listing_defect text;
alter table inbound_fax alter column attachment_uri drop not null;

-- Acknowledgement at the source is retried per fax with its own attempts and backoff.
alter table inbound_fax add column ack_attempts integer not null default 0;
alter table inbound_fax add column ack_next_attempt_at timestamptz;

-- When each layered re-read of a mailbox (a wider window on a slower cadence) last ran.
create table mailbox_reread (
    connection_id  uuid not null references provider_connection (id) on delete cascade,
    extension_id   text not null,
    window_seconds bigint not null,
    last_at        timestamptz not null,
    primary key (connection_id, extension_id, window_seconds)
);

-- A back-fill an operator asked for; the connection's next sync applies it before it lists, so no
-- run that was already under way can move the cursors forward over it.
create table backfill_request (
    connection_id uuid primary key references provider_connection (id) on delete cascade,
    from_at       timestamptz not null,
    requested_at  timestamptz not null
);
