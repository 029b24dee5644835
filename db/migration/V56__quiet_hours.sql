-- Quiet hours and the SKIPPED outcome (docs/decisions/049-quiet-hours.md).

-- A campaign's daily window of device-local wall-clock time when nothing is sent: all three or none.
alter table campaigns
    add column quiet_from   time,
    add column quiet_to     time,
    add column quiet_action varchar(4) check (quiet_action in ('HOLD', 'SKIP')),
    add constraint campaigns_quiet_hours_whole
        check ((quiet_from is null) = (quiet_to is null) and (quiet_from is null) = (quiet_action is null));

-- A delivery the fan-out decided not to send (quiet hours, later frequency caps) is final at once:
-- SKIPPED, with the reason in `reason`. Week partitions made by deliveries_add_week copied the
-- check as a constraint of their own, so it is dropped from each of them before the parent's new
-- one is added (and checked) everywhere.
alter table deliveries drop constraint deliveries_status_check;
do $$
declare
    part record;
begin
    for part in select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
                where i.inhparent = 'deliveries'::regclass loop
        execute format('alter table %I drop constraint if exists deliveries_status_check', part.relname);
    end loop;
end $$;
alter table deliveries add constraint deliveries_status_check
    check (status in ('ACCEPTED', 'REJECTED', 'FAILED', 'EXPIRED', 'CANCELLED', 'SKIPPED'));

-- The log's status filter finds skipped rows through the index of rare outcomes, as it finds the others.
drop index deliveries_app_outcome_idx;
create index deliveries_app_outcome_idx on deliveries (app_id, status, id)
    where status in ('REJECTED', 'FAILED', 'EXPIRED', 'CANCELLED', 'SKIPPED');

-- Skipped deliveries are final outcomes of their run, counted like the others (decision 009).
alter table run_counts add column skipped bigint not null default 0;
