-- Content per language (docs/decisions/055-content-per-language.md).

-- A campaign's alert wording per locale: a JSON array of {"locale", "title", "subtitle", "body"},
-- only ever read and written with the campaign.
alter table campaigns add column content_variants jsonb not null default '[]';

-- The payloads of a run beside its default one (dispatch_runs.payload is variant 0), fixed at
-- launch like the rest of the run. `label` says whom a variant is for (a locale tag).
create table run_variants (
    run_id        uuid         not null references dispatch_runs (id) on delete cascade,
    variant       smallint     not null check (variant > 0),
    label         varchar(35)  not null,
    payload       text         not null,
    payload_bytes integer      not null,
    primary key (run_id, variant)
);

-- Which of its run's payloads a delivery sends; 0, the default, for every run without variants.
-- A constant default adds the column without rewriting either table.
alter table delivery_queue add column variant smallint not null default 0;
alter table deliveries add column variant smallint not null default 0;
