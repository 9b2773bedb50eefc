-- Destinations per tenant, routing rules, and delivery tracked per (fax, destination).

-- A tenant's destinations. Settings that are not secret are JSON (their shape depends on the kind);
-- the one secret of a destination (a basic-auth password, a bearer token, a webhook secret) is
-- sealed with the row's id as associated data. A removed destination keeps its row (deliveries
-- refer to it) without its secret.
create table destination (
    id            uuid primary key,
    tenant_id     uuid not null references tenant (id),
    name          text not null,
    kind          text not null
        constraint destination_kind_known check (kind in ('folder', 'fhir', 'hl7-mllp', 'webhook')),
    location      text,
    settings      jsonb not null default '{}',
    secret_sealed bytea,
    enabled       boolean not null default true,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    removed_at    timestamptz
);
create unique index destination_name_per_tenant on destination (tenant_id, name) where removed_at is null;
create index destination_tenant on destination (tenant_id);

-- Routing rules: a fax goes to the destinations of every rule that matches it by the number
-- dialled (sealed: it is PHI, compared after opening) and by source (a provider name or a
-- connection id); a rule with neither is a default, used when no other rule matches.
create table routing_rule (
    id               uuid primary key,
    tenant_id        uuid not null references tenant (id),
    destination_id   uuid not null references destination (id),
    to_number_sealed bytea,
    source           text,
    created_at       timestamptz not null
);
create index routing_rule_tenant on routing_rule (tenant_id);

-- One row per (fax, destination) once the fax is routed: each destination retries, backs off and
-- dead-letters on its own; the fax is delivered when every row is.
create table fax_delivery (
    fax_id          uuid not null references inbound_fax (id) on delete cascade,
    destination_id  uuid not null references destination (id),
    state           text not null
        constraint fax_delivery_state_known check (state in ('PENDING', 'DELIVERED', 'ABANDONED')),
    attempts        integer not null default 0,
    next_attempt_at timestamptz not null,
    delivered_to    text,
    delivered_at    timestamptz,
    last_error      text,
    primary key (fax_id, destination_id)
);

-- The sender's name as the platform gives it (PHI: sealed with the row's id).
alter table inbound_fax add column sender_name_sealed bytea;
