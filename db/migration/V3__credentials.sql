-- APNs credentials of an app: certificates (.p12, PEM) and token keys (.p8).
-- The uploaded file and its passphrase are stored only encrypted (AES-256-GCM) under a
-- per-row data key, which is itself wrapped by the instance's master key (never in the database).

create table credentials (
    id                  uuid primary key,
    tenant_id           uuid          not null references teams (id) on delete cascade,
    app_id              uuid          not null references apps (id) on delete cascade,
    kind                varchar(8)    not null check (kind in ('P12', 'PEM', 'P8')),
    environment         varchar(16)   not null check (environment in ('sandbox', 'production', 'both')),
    subject             varchar(1000),
    -- Topics the certificate may send to, one per line (subject UID first).
    topics              varchar(4000) not null default '',
    not_before          timestamptz,
    not_after           timestamptz,
    fingerprint_sha256  varchar(64)   not null,
    key_id              varchar(10),
    team_id             varchar(10),
    -- nonce || AES-GCM(data key, file + passphrase), bound to tenant and id.
    secret_ciphertext   bytea         not null,
    -- nonce || AES-GCM(master key, data key), bound to tenant and id.
    wrapped_data_key    bytea         not null,
    -- Which master key wrapped the data key (first bytes of its SHA-256), to spot a wrong key at start-up.
    master_key_id       varchar(16)   not null,
    -- The smallest expiry warning (30, 7, 1 days; 0 = expired) already given, so each is given once.
    expiry_warned_days  integer,
    created_by          varchar(320)  not null,
    created_at          timestamptz   not null default now()
);
create index credentials_app_idx on credentials (tenant_id, app_id, created_at desc);
create index credentials_not_after_idx on credentials (not_after) where not_after is not null;

-- Sending paused for one environment of an app (e.g. its credential expired). A new
-- credential for that environment lifts the pause.
create table app_environment_pauses (
    tenant_id    uuid         not null references teams (id) on delete cascade,
    app_id       uuid         not null references apps (id) on delete cascade,
    environment  varchar(16)  not null check (environment in ('sandbox', 'production')),
    reason       varchar(500) not null,
    paused_at    timestamptz  not null default now(),
    primary key (app_id, environment)
);
create index app_environment_pauses_tenant_idx on app_environment_pauses (tenant_id, app_id);
