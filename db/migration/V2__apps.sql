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
