-- Which ways of connecting a link offers (the operator's choice), how often it was tried, and
-- whether the operator revoked it or too many bad credentials locked it.
alter table connect_link
    add column offers_sign_in  boolean not null default true,
    add column offers_jwt      boolean not null default true,
    add column attempts        integer not null default 0,
    add column failed_jwts     integer not null default 0,
    add column revoked_at      timestamptz,
    add column locked_at       timestamptz,
    add constraint connect_link_offers_something check (offers_sign_in or offers_jwt);
