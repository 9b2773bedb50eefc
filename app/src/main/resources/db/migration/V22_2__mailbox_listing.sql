-- When each connection's extensions were last listed to find its fax mailboxes: syncs in between
-- use the mailboxes found then, so a sync resumed after a rate-limit wait, or an idle poll, does not
-- spend a Medium call on a list that rarely changes.
create table mailbox_listing (
    connection_id uuid primary key references provider_connection (id) on delete cascade,
    listed_at     timestamptz not null
);
