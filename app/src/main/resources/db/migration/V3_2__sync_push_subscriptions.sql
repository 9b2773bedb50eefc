-- A connection's push subscription (RingCentral WebHook). The verification token is kept only as
-- its SHA-256: enough to check the Verification-Token header of a notification, useless to a reader.
create table push_subscription (
    connection_id             uuid primary key references provider_connection (id) on delete cascade,
    subscription_id           text not null,
    mailbox_ids               text not null,
    verification_token_sha256 text not null,
    expires_at                timestamptz not null,
    checked_at                timestamptz not null
);

-- A sync asked for (by a notification) while one was running: the running one reschedules itself
-- at once instead of after the tenant's interval.
create table sync_request (
    connection_id uuid primary key references provider_connection (id) on delete cascade,
    requested_at  timestamptz not null
);
