-- Live Activity tokens apps register with their app key (docs/decisions/038-live-activities.md).
-- They are not device tokens: APNs refuses an activity token sent as a device push and a device
-- token sent as a Live Activity push, so they get a table of their own. Each belongs to a device
-- of the same app and environment. An update token ends with its activity; a push-to-start token
-- lasts until APNs says it is gone or the app unregisters it.

create table activity_registrations (
    id               uuid primary key default gen_random_uuid(),
    tenant_id        uuid          not null references teams (id) on delete cascade,
    app_id           uuid          not null references apps (id) on delete cascade,
    device_id        uuid          not null references devices (id) on delete cascade,
    environment      varchar(10)   not null check (environment in ('sandbox', 'production')),
    -- Normalized like device tokens: lower-case hex, whole bytes, 64..200 characters.
    token            varchar(200)  collate "C" not null
                     check (length(token) between 64 and 200 and length(token) % 2 = 0
                            and token ~ '^[0-9a-f]+$'),
    kind             varchar(13)   not null check (kind in ('UPDATE', 'PUSH_TO_START')),
    -- The ActivityAttributes type the token belongs to, as the app names it.
    attributes_type  varchar(100)  not null,
    -- The app's own id of the activity (an order, a match), to update one activity.
    activity_id      varchar(200),
    status           varchar(6)    not null default 'ACTIVE' check (status in ('ACTIVE', 'ENDED')),
    ended_at         timestamptz,
    end_reason       varchar(64),
    -- When the system ends the activity at the latest (update tokens); null for push-to-start.
    expires_at       timestamptz,
    registered_at    timestamptz   not null default now(),
    created_at       timestamptz   not null default now()
);

-- The registration upsert's target: a token is one registration per app and environment.
create unique index activity_registrations_token_uq on activity_registrations (app_id, environment, token);
-- The device page lists a device's activities, newest first.
create index activity_registrations_device_idx on activity_registrations (tenant_id, device_id, registered_at desc);
-- The fan-out and audience counts: live tokens of one kind and attributes type.
create index activity_registrations_live_idx on activity_registrations (app_id, environment, kind, attributes_type)
    where status = 'ACTIVE';
-- Updating one activity by the app's id for it.
create index activity_registrations_activity_idx on activity_registrations (app_id, activity_id)
    where activity_id is not null;
