-- The delivery log partitioned by week on when a row was last active, so retention drops a
-- whole week instead of deleting its rows in batches. See
-- docs/decisions/037-partitioned-delivery-log.md.

-- The ids keep coming from one sequence (the queue draws them at fan-out; a final row keeps its
-- id). The old one belongs to the old table's identity column and would go with it.
create sequence delivery_ids as bigint;
select setval('delivery_ids', last_value, is_called) from deliveries_id_seq;
alter table delivery_queue alter column id set default nextval('delivery_ids');

alter table deliveries rename to deliveries_unpartitioned;
alter table deliveries_unpartitioned drop constraint deliveries_pkey;
drop index deliveries_app_idx;
drop index deliveries_app_outcome_idx;
drop index deliveries_app_reason_idx;
drop index deliveries_app_token_idx;
drop index deliveries_app_activity_idx;
drop index deliveries_device_idx;

-- The same columns (whatever earlier or later migrations gave the log) plus the partition key.
create table deliveries (
    like deliveries_unpartitioned including defaults including constraints,
    -- When the row was last active: its last attempt, or its release when never attempted.
    -- Fixed when the row is written (the log is append-only); what retention and the time
    -- filter read. A generated column cannot be a partition key, so writers fill it.
    active_at timestamptz not null,
    -- The partition key must be part of the primary key. The device history's index serves
    -- as it (a delivery id is unique on its own), with the team first (decision 036).
    primary key (tenant_id, device_id, id, active_at)
) partition by range (active_at);
alter table deliveries alter column id set default nextval('delivery_ids');

-- Rows of a week that has no partition (yet) land here, so an insert never fails.
create table deliveries_default partition of deliveries default;

-- Makes the partition of the week (Monday 00:00 UTC, seven days) holding `day`, named
-- deliveries_wYYYYMMDD after its Monday, and moves into it what the default partition holds of
-- that week (attaching fails while the default holds such rows). Safe to call from every node
-- at once; true when it made the partition. Callers set a lock timeout: attaching locks the
-- default partition, and the move deletes from it.
create function deliveries_add_week(day timestamptz) returns boolean
    language plpgsql as $$
declare
    monday timestamptz := date_trunc('week', day, 'UTC');
    week text := 'deliveries_w' || to_char(monday at time zone 'UTC', 'YYYYMMDD');
begin
    perform pg_advisory_xact_lock(hashtext('deliveries_add_week'));
    if to_regclass(week) is not null then
        return false;
    end if;
    execute format('create table %I (like deliveries including defaults including constraints)', week);
    execute format('with moved as (delete from deliveries_default where active_at >= $1 and active_at < $2'
                   || ' returning *) insert into %I select * from moved', week)
        using monday, monday + interval '7 days';
    execute format('alter table deliveries attach partition %I for values from (%L) to (%L)',
                   week, monday, monday + interval '7 days');
    return true;
end $$;

-- A partition for every week that has rows, this week and the two after it.
select deliveries_add_week(w)
from (select distinct date_trunc('week', coalesce(last_attempt_at, release_at), 'UTC') as w
      from deliveries_unpartitioned
      union
      select date_trunc('week', now(), 'UTC') + make_interval(weeks => ahead) from generate_series(0, 2) ahead) weeks
order by w;

insert into deliveries select *, coalesce(last_attempt_at, release_at) from deliveries_unpartitioned;

drop table deliveries_unpartitioned;
alter sequence delivery_ids rename to deliveries_id_seq;

-- The log's indexes (V7), built once the rows are in; each is made on every partition. Every
-- page is a keyset scan of one of these, never a count(*).
-- App-wide, newest first.
create index deliveries_app_idx on deliveries (app_id, id);
-- Outcomes worth looking for are rare; ACCEPTED (most rows) stays out.
create index deliveries_app_outcome_idx on deliveries (app_id, status, id)
    where status in ('REJECTED', 'FAILED', 'EXPIRED', 'CANCELLED');
create index deliveries_app_reason_idx on deliveries (app_id, reason, id) where reason is not null;
-- Token prefix search on the first eight characters.
create index deliveries_app_token_idx on deliveries (app_id, (left(token, 8)));
-- Time range, and retention within the default partition.
create index deliveries_app_activity_idx on deliveries (app_id, active_at);

analyze deliveries;
