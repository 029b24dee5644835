-- Devices of an app: one row per (app, environment, token). Never deleted by APNs
-- feedback, only marked; see docs/decisions/004-device-registry.md.

create table devices (
    id                  uuid primary key default gen_random_uuid(),
    tenant_id           uuid         not null references teams (id) on delete cascade,
    app_id              uuid         not null references apps (id) on delete cascade,
    environment         varchar(10)  not null check (environment in ('sandbox', 'production')),
    -- Normalized: lower-case hex, even length, 64..200 characters. "C" collation keeps
    -- byte order, so a btree serves prefix searches and keyset paging.
    token               varchar(200) collate "C" not null
                        check (token ~ '^([0-9a-f]{2}){32,100}$'),
    tags                text[]       not null default '{}',
    alias               varchar(200),
    locale              varchar(35),
    time_zone           varchar(64),
    status              varchar(12)  not null default 'ACTIVE'
                        check (status in ('ACTIVE', 'UNREGISTERED', 'INVALID')),
    -- UNREGISTERED: Apple's timestamp (APNs 410) or the time the app unregistered;
    -- INVALID: when APNs refused the token.
    invalidated_at      timestamptz,
    invalid_reason      varchar(64),
    last_registered_at  timestamptz  not null default now(),
    test_device         boolean      not null default false,
    created_at          timestamptz  not null default now()
);

-- The upsert target of registration and import; also environment-filtered paging by token.
create unique index devices_app_env_token_uq on devices (app_id, environment, token);
-- Grid order by token and token-prefix search across environments.
create index devices_app_token_idx on devices (app_id, token);
-- Grid order by last registration ("newest first").
create index devices_app_registered_idx on devices (app_id, last_registered_at desc, token);
-- Alias prefix search (case-insensitive) and ordering by alias.
create index devices_app_alias_idx on devices (app_id, (lower(alias) collate "C"), token);
-- Tag filters and tag audiences (any/all): array containment.
create index devices_tags_gin on devices using gin (tags);
-- Status filters pick out the few devices that are not ACTIVE; a partial index stays small.
create index devices_app_not_active_idx on devices (app_id, status, token) where status <> 'ACTIVE';
-- The team's test devices, the audience of test sends.
create index devices_test_idx on devices (tenant_id, app_id) where test_device;
