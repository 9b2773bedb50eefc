-- What each rate-limit lane (one RingCentral user of faxbridge's app, one throttling group) used,
-- as a node last wrote it: a node that starts reads it so its first requests never draw a 429.
-- No PHI, no secret: account and extension ids, instants and counts.
create table rate_limit_lane (
    app           text not null,
    holder        text not null,
    grp           text not null,
    sent_at       timestamptz[] not null,
    request_limit integer not null,
    window_ms     bigint not null,
    closed_until  timestamptz,
    written_at    timestamptz not null,
    clean         boolean not null,
    primary key (app, holder, grp)
);
