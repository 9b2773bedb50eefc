-- Operators of the REST API. Passwords are BCrypt hashes; API tokens are random 256-bit values,
-- stored as their SHA-256 (a fast hash is enough for a secret that cannot be guessed).
create table operator_account (
    id            uuid primary key,
    username      text not null unique
        constraint operator_username_format check (username ~ '^[a-z0-9][a-z0-9._-]{1,62}$'),
    password_hash text not null,
    created_at    timestamptz not null
);

create table operator_token (
    id          uuid primary key,
    operator_id uuid not null references operator_account (id) on delete cascade,
    name        text not null,
    token_hash  text not null unique,
    created_at  timestamptz not null,
    revoked_at  timestamptz
);

-- Connect links of the authorization-code flow. The link token and the OAuth state are stored as
-- SHA-256 hashes only; the PKCE verifier is sealed (AEAD, associated data = id).
create table connect_link (
    id                  uuid primary key,
    tenant_id           uuid not null references tenant (id),
    connection_id       uuid references provider_connection (id) on delete cascade,
    token_hash          text not null unique,
    state_hash          text unique,
    verifier_ciphertext bytea,
    created_by          text not null,
    created_at          timestamptz not null,
    expires_at          timestamptz not null,
    used_at             timestamptz,
    outcome             text
);
create index connect_link_tenant on connect_link (tenant_id, created_at);

-- What was found when a clinic authorized: who, which account, which mailboxes could be read.
create table connection_authorization (
    id                 uuid primary key,
    connection_id      uuid not null references provider_connection (id) on delete cascade,
    auth_method        text not null,
    account_id         text not null,
    owner_extension_id text not null,
    actor              text not null,
    authorized_at      timestamptz not null,
    extensions         integer not null,
    mailboxes_readable integer not null,
    mailboxes_refused  integer not null
);
create index connection_authorization_connection on connection_authorization (connection_id, authorized_at);

-- Who hears about a tenant's broken authorization. Both channels optional. The webhook secret is
-- sealed (AEAD, associated data = tenant id).
create table tenant_notification_settings (
    tenant_id                uuid primary key references tenant (id),
    contact_email            text,
    webhook_url              text,
    webhook_secret_ciphertext bytea,
    updated_at               timestamptz not null
);

-- Outbox of notifications: written in the transaction that changed the connection's status, so
-- each episode is announced exactly once per channel; sent after commit and retried until sent.
-- The body may carry a connect link, so it is sealed (associated data = id).
create table notification (
    id              uuid primary key,
    tenant_id       uuid not null references tenant (id),
    connection_id   uuid references provider_connection (id) on delete cascade,
    channel         text not null constraint notification_channel_known check (channel in ('EMAIL', 'WEBHOOK')),
    event           text not null,
    body_ciphertext bytea not null,
    state           text not null constraint notification_state_known check (state in ('PENDING', 'SENT', 'FAILED')),
    attempts        integer not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text,
    created_at      timestamptz not null,
    sent_at         timestamptz
);
create index notification_pending on notification (next_attempt_at) where state = 'PENDING';
