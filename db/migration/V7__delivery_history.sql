-- Send history: stored counters and the indexes the delivery log needs at ten million rows.
-- See docs/decisions/009-stored-delivery-counters.md.

-- The app is fixed per run; copied onto each delivery at fan-out so app-wide log pages are
-- index-backed keyset scans (a join through dispatch_runs cannot be ordered by delivery id).
alter table deliveries add column app_id uuid;
update deliveries d set app_id = r.app_id from dispatch_runs r where r.id = d.run_id;
alter table deliveries alter column app_id set not null;

-- A run's deliveries were inserted by one statement, so their ids form (almost) one range.
-- Per-run pages filtered by reason or token use the app-wide indexes bounded by it.
alter table dispatch_runs add column first_delivery_id bigint;
alter table dispatch_runs add column last_delivery_id bigint;
update dispatch_runs r set first_delivery_id = b.lo, last_delivery_id = b.hi
from (select run_id, min(id) as lo, max(id) as hi from deliveries group by run_id) b where b.run_id = r.id;

-- Final outcomes per run, written in the transaction that records them. Pending and in
-- flight are derived: deliveries_total - finals - in flight (a small index scan).
create table run_counts (
    run_id     uuid    primary key references dispatch_runs (id) on delete cascade,
    accepted   bigint  not null default 0,
    rejected   bigint  not null default 0,
    failed     bigint  not null default 0,
    expired    bigint  not null default 0,
    cancelled  bigint  not null default 0
);

-- REJECTED and FAILED deliveries of a run by Apple's (or the dispatcher's) reason.
create table run_reasons (
    run_id  uuid         not null references dispatch_runs (id) on delete cascade,
    reason  varchar(64)  not null,
    count   bigint       not null,
    primary key (run_id, reason)
);

-- Outcomes per run and second: the throughput chart of a report (a 30-second demo gets
-- 30 points; long runs are summed into wider bars when read).
create table run_outcome_seconds (
    run_id     uuid         not null references dispatch_runs (id) on delete cascade,
    at         timestamptz  not null,
    tenant_id  uuid         not null,
    app_id     uuid         not null,
    accepted   bigint       not null default 0,
    rejected   bigint       not null default 0,
    failed     bigint       not null default 0,
    expired    bigint       not null default 0,
    primary key (run_id, at)
);

-- The same outcomes per app and hour for team statistics: seven days are at most 168 rows
-- per app, whatever was sent.
create table app_outcome_hours (
    tenant_id  uuid         not null references teams (id) on delete cascade,
    app_id     uuid         not null references apps (id) on delete cascade,
    hour       timestamptz  not null,
    accepted   bigint       not null default 0,
    rejected   bigint       not null default 0,
    failed     bigint       not null default 0,
    expired    bigint       not null default 0,
    primary key (tenant_id, hour, app_id)
);

-- Counters for what existed before this migration.
insert into run_counts (run_id, accepted, rejected, failed, expired, cancelled)
select r.id,
       count(d.id) filter (where d.status = 'ACCEPTED'), count(d.id) filter (where d.status = 'REJECTED'),
       count(d.id) filter (where d.status = 'FAILED'), count(d.id) filter (where d.status = 'EXPIRED'),
       count(d.id) filter (where d.status = 'CANCELLED')
from dispatch_runs r left join deliveries d on d.run_id = r.id group by r.id;
insert into run_reasons (run_id, reason, count)
select run_id, reason, count(*) from deliveries
where status in ('REJECTED', 'FAILED') and reason is not null group by run_id, reason;
insert into run_outcome_seconds (run_id, at, tenant_id, app_id, accepted, rejected, failed, expired)
select run_id, date_trunc('second', coalesce(accepted_at, last_attempt_at, release_at)), tenant_id, app_id,
       count(*) filter (where status = 'ACCEPTED'), count(*) filter (where status = 'REJECTED'),
       count(*) filter (where status = 'FAILED'), count(*) filter (where status = 'EXPIRED')
from deliveries where status in ('ACCEPTED', 'REJECTED', 'FAILED', 'EXPIRED') group by 1, 2, 3, 4;
insert into app_outcome_hours (tenant_id, app_id, hour, accepted, rejected, failed, expired)
select tenant_id, app_id, date_trunc('hour', at), sum(accepted), sum(rejected), sum(failed), sum(expired)
from run_outcome_seconds group by 1, 2, 3;

-- The delivery log. Every page is a keyset scan of one of these, never a count(*).
-- App-wide, newest first.
create index deliveries_app_idx on deliveries (app_id, id);
-- Outcomes worth looking for are rare; ACCEPTED (most rows) and the open states stay out,
-- so the index costs nothing while a delivery is queued or in flight.
create index deliveries_app_outcome_idx on deliveries (app_id, status, id)
    where status in ('REJECTED', 'FAILED', 'EXPIRED', 'CANCELLED');
create index deliveries_app_reason_idx on deliveries (app_id, reason, id) where reason is not null;
-- Token prefix search: eight characters are selective enough (one device in billions) and
-- keep the index a third of the size of one over whole tokens.
create index deliveries_app_token_idx on deliveries (app_id, (left(token, 8)));
-- Time range: the last attempt, or the release for deliveries never attempted.
create index deliveries_app_activity_idx on deliveries (app_id, (coalesce(last_attempt_at, release_at)));
