-- Short-lived signed download links of fax documents (webhook destinations in link mode).

-- The key the links' tokens are signed with (HMAC-SHA256): one per installation, shared by every
-- node, sealed with the row's id as associated data.
create table document_link_key (
    id         uuid primary key,
    singleton  boolean not null default true unique check (singleton),
    key_sealed bytea not null,
    created_at timestamptz not null
);

-- One published document: where its copy is and until when its token is good.
create table document_link (
    id           uuid primary key,
    tenant_id    uuid not null references tenant (id),
    fax_id       uuid not null,
    file         text not null,
    content_type text not null,
    size         bigint not null,
    expires_at   timestamptz not null,
    created_at   timestamptz not null
);
create index document_link_expiry on document_link (expires_at);
