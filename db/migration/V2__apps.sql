-- Push apps of a team. Credentials and app keys hang off an app (later migrations).

create table apps (
    id            uuid primary key default gen_random_uuid(),
    tenant_id     uuid         not null references teams (id) on delete cascade,
    name          varchar(120) not null,
    bundle_id     varchar(155) not null,
    created_by    varchar(320) not null,
    created_at    timestamptz  not null default now(),
    -- Set when sending must stop (expired or rejected credential); null when it may send.
    paused_reason varchar(500),
    paused_at     timestamptz
);
create unique index apps_tenant_name_uq on apps (tenant_id, lower(name));
create index apps_tenant_idx on apps (tenant_id, lower(name));

-- App keys (pdk_...): may only register and unregister devices of their app.
create table app_keys (
    id             uuid primary key default gen_random_uuid(),
    tenant_id      uuid         not null references teams (id) on delete cascade,
    app_id         uuid         not null references apps (id) on delete cascade,
    name           varchar(120) not null,
    lookup_prefix  varchar(32)  not null,
    secret_hash    bytea        not null,
    created_by     varchar(320) not null,
    created_at     timestamptz  not null default now(),
    last_used_at   timestamptz,
    revoked_at     timestamptz
);
create unique index app_keys_prefix_uq on app_keys (lookup_prefix);
create index app_keys_app_idx on app_keys (tenant_id, app_id, created_at desc);
