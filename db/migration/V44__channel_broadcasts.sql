-- Broadcasts to a channel (docs/decisions/039-broadcast-push.md): one request reaches every
-- activity subscribed to the channel, so each is one row with Apple's answer, listed under the
-- channel. Deleting the channel deletes its broadcasts.

create table channel_broadcasts (
    id              uuid primary key default gen_random_uuid(),
    tenant_id       uuid          not null references teams (id) on delete cascade,
    channel_ref     uuid          not null references broadcast_channels (id) on delete cascade,
    payload         text          not null,
    priority        smallint      not null check (priority in (5, 10)),
    -- apns-expiration as sent; null is 0 (Apple stores nothing for offline devices).
    expires_at      timestamptz,
    status          varchar(10)   not null check (status in ('ACCEPTED', 'REJECTED', 'FAILED')),
    status_code     smallint,
    reason          varchar(64),
    -- The apns-request-id sent, which Apple's answer repeats.
    apns_request_id uuid          not null,
    -- Apple's apns-unique-id of an accepted broadcast.
    apns_unique_id  uuid,
    sent_by         varchar(320)  not null,
    sent_at         timestamptz   not null default now()
);
create index channel_broadcasts_channel_idx on channel_broadcasts (tenant_id, channel_ref, sent_at desc);
