-- A/B tests (docs/decisions/058-ab-tests.md).

-- A campaign's A/B test: {"testPercent", "waitMinutes", "versions": [{"title", "subtitle", "body",
-- "variants": [...]}]}, only ever read and written with the campaign; null for none.
alter table campaigns add column ab_test jsonb;

-- A run variant belongs to a version of the test (0, A, for every run without one); a version's
-- default wording is a variant without a locale.
alter table run_variants add column version smallint not null default 0;
alter table run_variants alter column label drop not null;

-- A launched A/B test. Variants are numbered version * stride + the locale's number (0 for the
-- default), so a held delivery stores its locale's number and is moved to the winner's by adding.
-- Held deliveries wait in the queue with next_attempt_at = 'infinity' until the test is decided.
create table run_tests (
    run_id       uuid        primary key references dispatch_runs (id) on delete cascade,
    tenant_id    uuid        not null references teams (id) on delete cascade,
    test_percent smallint    not null check (test_percent between 1 and 50),
    versions     smallint    not null check (versions between 2 and 4),
    stride       smallint    not null check (stride >= 1),
    decide_at    timestamptz not null,
    quiet_from   time,
    quiet_to     time,
    fallback_zone varchar(64),
    winner       smallint    check (winner >= 0 and winner < versions),
    decided_at   timestamptz,
    -- Who picked the winner (a person's or an API token's name, as the audit log names them);
    -- null when it was decided by open rate.
    picked_by    varchar(200),
    held         integer     not null default 0,
    -- When every held delivery was released to the winner.
    released_at  timestamptz,
    check ((winner is null) = (decided_at is null))
);

create index run_tests_undecided_idx on run_tests (decide_at) where winner is null;
