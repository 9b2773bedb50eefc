-- Tenants: one per clinic.
create table tenant (
    id                    uuid primary key,
    slug                  text not null unique
        constraint tenant_slug_format check (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name                  text not null,
    sync_interval_seconds integer not null default 60
        constraint tenant_sync_interval_positive check (sync_interval_seconds between 5 and 86400),
    created_at            timestamptz not null
);

-- A clinic's authorization at a fax provider. Secrets are encrypted (AEAD, associated data = id).
create table provider_connection (
    id                    uuid primary key,
    tenant_id             uuid not null references tenant (id),
    provider              text not null constraint provider_known check (provider in ('RINGCENTRAL')),
    auth_method           text not null constraint auth_method_known check (auth_method in ('JWT', 'AUTHORIZATION_CODE')),
    status                text not null
        constraint connection_status_known check (status in ('ACTIVE', 'NEEDS_REAUTHORIZATION', 'DISABLED')),
    external_account_id   text,
    owner_extension_id    text,
    credential_ciphertext bytea,
    created_at            timestamptz not null,
    updated_at            timestamptz not null
);
create index provider_connection_tenant on provider_connection (tenant_id);

-- The current token set of a connection; one row, replaced under a row lock.
create table connection_token (
    connection_id      uuid primary key references provider_connection (id) on delete cascade,
    token_ciphertext   bytea not null,
    issued_at          timestamptz not null,
    access_expires_at  timestamptz not null,
    refresh_expires_at timestamptz
);

-- Fax mailboxes (RingCentral extensions) of a connection, each with its own listing cursor.
create table mailbox (
    connection_id    uuid not null references provider_connection (id) on delete cascade,
    extension_id     text not null,
    extension_type   text not null,
    extension_number text,
    status           text not null constraint mailbox_status_known check (status in ('ACTIVE', 'RETIRED')),
    synced_through   timestamptz,
    discovered_at    timestamptz not null,
    primary key (connection_id, extension_id)
);

-- The ledger: one row per fax document, keyed by where it came from, so a fax is known once.
create table inbound_fax (
    id                  uuid primary key,
    tenant_id           uuid not null references tenant (id),
    connection_id       uuid not null references provider_connection (id),
    provider_account_id text not null,
    mailbox_id          text not null,
    message_id          text not null,
    attachment_id       text not null,
    state               text not null
        constraint fax_state_known check (state in ('DISCOVERED', 'DELIVERED', 'ACKNOWLEDGED', 'FAILED', 'ABANDONED')),
    received_at         timestamptz not null,
    from_number         text,
    to_number           text,
    page_count          integer,
    content_type        text,
    declared_size       bigint,
    attachment_uri      text not null,
    size                bigint,
    sha256              text,
    delivered_to        text,
    attempts            integer not null default 0,
    next_attempt_at     timestamptz not null,
    last_error          text,
    discovered_at       timestamptz not null,
    delivered_at        timestamptz,
    constraint inbound_fax_source_key unique (connection_id, mailbox_id, message_id, attachment_id)
);
create index inbound_fax_pending on inbound_fax (connection_id, next_attempt_at) where state in ('DISCOVERED', 'FAILED');
create index inbound_fax_tenant_received on inbound_fax (tenant_id, received_at);

-- The audit trail: append-only; updates and deletes are refused by the database itself.
create table audit_event (
    id            bigserial primary key,
    occurred_at   timestamptz not null,
    kind          text not null,
    actor         text not null,
    tenant_id     uuid,
    connection_id uuid,
    fax_id        uuid,
    detail        jsonb not null default '{}'::jsonb
);
create index audit_event_tenant on audit_event (tenant_id, occurred_at);

create function audit_event_is_append_only() returns trigger as $$
begin
    raise exception 'audit_event is append-only';
end;
$$ language plpgsql;

create trigger audit_event_append_only
    before update or delete on audit_event
    for each row execute function audit_event_is_append_only();

-- db-scheduler's table (PostgreSQL layout of db-scheduler 16).
create table scheduled_tasks (
    task_name            text not null,
    task_instance        text not null,
    task_data            bytea,
    execution_time       timestamptz not null,
    picked               boolean not null,
    picked_by            text,
    last_success         timestamptz,
    last_failure         timestamptz,
    consecutive_failures integer,
    last_heartbeat       timestamptz,
    version              bigint not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index execution_time_idx on scheduled_tasks (execution_time);
create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
