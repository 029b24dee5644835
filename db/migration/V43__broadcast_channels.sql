-- Broadcast push (docs/decisions/039-broadcast-push.md): the channels an app created at Apple,
-- per environment.

create table broadcast_channels (
    id              uuid primary key default gen_random_uuid(),
    tenant_id       uuid          not null references teams (id) on delete cascade,
    app_id          uuid          not null references apps (id) on delete cascade,
    environment     varchar(10)   not null check (environment in ('sandbox', 'production')),
    -- Apple's id of the channel (apns-channel-id), which the app's activities subscribe to.
    channel_id      varchar(128)  collate "C" not null,
    -- Apple's message-storage-policy: 0 stores no message for offline devices, 1 the most recent.
    storage_policy  smallint      check (storage_policy in (0, 1)),
    name            varchar(120)  not null,
    created_by      varchar(320)  not null,
    created_at      timestamptz   not null default now()
);
create unique index broadcast_channels_uq on broadcast_channels (app_id, environment, channel_id);
create index broadcast_channels_app_idx on broadcast_channels (tenant_id, app_id, environment, created_at desc);
