-- Dispatch: a run is an immutable snapshot of one send (payload and headers, fixed at
-- launch); its deliveries are the queue, one row per targeted device. Nothing pending
-- lives only in memory. See docs/decisions/006-dispatch-runs.md.

create table dispatch_runs (
    -- The run id; later the campaign id, so a campaign has at most one run.
    id                   uuid primary key,
    tenant_id            uuid          not null references teams (id) on delete cascade,
    app_id               uuid          not null references apps (id) on delete cascade,
    environment          varchar(10)   not null check (environment in ('sandbox', 'production')),
    topic                varchar(255)  not null,
    payload              text          not null,
    payload_bytes        integer       not null,
    push_type            varchar(20)   not null,
    priority             smallint      not null check (priority in (5, 10)),
    expires_at           timestamptz,
    collapse_id          varchar(64),
    throttle_per_minute  integer       check (throttle_per_minute is null or throttle_per_minute > 0),
    -- Fixed one-minute throttle window shared by every node: its start and what was taken in it.
    throttle_window_at   timestamptz,
    throttle_window_used integer       not null default 0,
    status               varchar(10)   not null default 'SENDING'
                         check (status in ('SENDING', 'PAUSED', 'COMPLETED', 'CANCELLED', 'FAILED')),
    stop_reason          varchar(200),
    deliveries_total     integer       not null default 0,
    created_at           timestamptz   not null default now(),
    launched_at          timestamptz   not null default now(),
    completed_at         timestamptz
);
create index dispatch_runs_tenant_idx on dispatch_runs (tenant_id, created_at desc);
-- The claimer's only question about runs: which ones are sending right now.
create index dispatch_runs_sending_idx on dispatch_runs (launched_at) where status = 'SENDING';

create table deliveries (
    id               bigint generated always as identity primary key,
    tenant_id        uuid          not null references teams (id) on delete cascade,
    run_id           uuid          not null references dispatch_runs (id) on delete cascade,
    -- No foreign key: a device may be deleted while its history stays.
    device_id        uuid          not null,
    token            varchar(200)  collate "C" not null,
    -- Stable per delivery: every attempt carries the same apns-id.
    apns_id          uuid          not null default gen_random_uuid(),
    status           varchar(10)   not null default 'PENDING'
                     check (status in ('PENDING', 'IN_FLIGHT', 'ACCEPTED', 'REJECTED', 'FAILED', 'EXPIRED',
                                       'CANCELLED')),
    -- Incremented by each claim; answers are written only while it still matches (fencing).
    attempts         integer       not null default 0,
    lease_owner      varchar(100),
    lease_until      timestamptz,
    -- When the device's delivery is released (its local time, or the launch).
    release_at       timestamptz   not null,
    -- When it may next be claimed: release_at at first, later the retry backoff.
    next_attempt_at  timestamptz   not null,
    status_code      smallint,
    reason           varchar(64),
    apple_timestamp  timestamptz,
    last_attempt_at  timestamptz,
    accepted_at      timestamptz
);
create unique index deliveries_run_device_uq on deliveries (run_id, device_id);
-- Claiming: only pending rows, in the order they become due. Stays small as rows finish.
create index deliveries_pending_idx on deliveries (run_id, next_attempt_at, id) where status = 'PENDING';
-- The reaper: expired leases.
create index deliveries_in_flight_idx on deliveries (lease_until) where status = 'IN_FLIGHT';
-- Per-run listing in id order (keyset paging).
create index deliveries_run_idx on deliveries (run_id, id);
-- Progress counts and listing filtered by status.
create index deliveries_run_status_idx on deliveries (run_id, status, id);
-- Per-device history.
create index deliveries_device_idx on deliveries (tenant_id, device_id, id desc);
