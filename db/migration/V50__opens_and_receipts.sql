-- Opens and receipts reported by apps (docs/decisions/045-opens-and-receipts.md).

-- Whether a campaign's payload carries the key "pd": {"c": campaign id, "d": delivery id}
-- the app reports back. On by default; a Live Activity ignores it (ActivityKit reads its payload).
alter table campaigns add column track_opens boolean not null default true;

-- Whether the dispatcher adds "d": <delivery id> to the run payload's last member, "pd".
-- Runs launched before this migration never carried the key.
alter table dispatch_runs add column delivery_key boolean not null default false;

-- One row per delivery and kind, the first report wins (idempotent). Kept out of the delivery
-- log: most deliveries never get one, and the log's rows are written once and never updated.
-- They go with their run (and so with their app), not with the log's retention: like the run's
-- counters they are what its report counts.
create table delivery_events (
    delivery_id  bigint       not null,
    -- 'R' received (a Notification Service Extension ran), 'O' opened (the person tapped it).
    kind         char(1)      not null check (kind in ('R', 'O')),
    tenant_id    uuid         not null,
    run_id       uuid         not null references dispatch_runs (id) on delete cascade,
    at           timestamptz  not null,
    primary key (delivery_id, kind)
);
-- The report's counts (index-only) and its chart over time.
create index delivery_events_run_idx on delivery_events (run_id, kind, at);
