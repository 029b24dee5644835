-- Delivery that survives APNs trouble (docs/decisions/021-delivery-fault-policy.md).

-- A relative expiration ("after N seconds") stays relative: each delivery's apns-expiration
-- is its own release plus this, so device-local-time runs do not expire in late zones.
alter table dispatch_runs add column expires_after_seconds bigint
    check (expires_after_seconds is null or expires_after_seconds > 0);

-- No queued delivery of the run is due before this (null: perhaps now). Set when a claim
-- finds nothing due, lowered when a delivery is given back or retried: the claimer finds
-- runs with work due in SQL instead of claiming in vain.
alter table dispatch_runs add column next_due_at timestamptz;

-- The throttle is a token bucket refilled continuously, holding one second's worth.
alter table dispatch_runs drop column throttle_window_at;
alter table dispatch_runs drop column throttle_window_used;
alter table dispatch_runs add column throttle_tokens double precision;
alter table dispatch_runs add column throttle_refilled_at timestamptz;

-- Stop reasons are stored messages (a key and its arguments), translated when shown.
alter table dispatch_runs alter column stop_reason type varchar(500);

-- When an ended run's refused devices were judged (marked invalid, or left alone because the
-- run looked misconfigured), once nothing of it was left in the queue. Runs that ended before
-- this version marked their devices as answers came, so they count as settled; a stopped run
-- still draining is settled once drained.
alter table dispatch_runs add column devices_settled_at timestamptz;
update dispatch_runs r set devices_settled_at = coalesce(r.completed_at, now())
from run_counts c
where c.run_id = r.id and r.status in ('COMPLETED', 'CANCELLED', 'FAILED')
  and c.accepted + c.rejected + c.failed + c.expired + c.cancelled >= r.deliveries_total;
create index dispatch_runs_unsettled_idx on dispatch_runs (completed_at)
    where devices_settled_at is null and status in ('COMPLETED', 'CANCELLED', 'FAILED');

-- The run that marked a device invalid, so an admin can restore what one run marked.
alter table devices add column invalid_run_id uuid;
create index devices_invalid_run_idx on devices (tenant_id, invalid_run_id) where invalid_run_id is not null;

-- An APNs outage seen for an app's environment (one row while any node waits one out),
-- shown in the app list and the campaign report. Nodes refresh updated_at while it lasts.
create table app_environment_outages (
    tenant_id    uuid         not null references teams (id) on delete cascade,
    app_id       uuid         not null references apps (id) on delete cascade,
    environment  varchar(16)  not null check (environment in ('sandbox', 'production')),
    since        timestamptz  not null,
    reason       varchar(64),
    updated_at   timestamptz  not null default now(),
    primary key (app_id, environment)
);
create index app_environment_outages_tenant_idx on app_environment_outages (tenant_id, app_id);
