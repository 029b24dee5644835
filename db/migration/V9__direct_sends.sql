-- Test sends and the transactional API (docs/decisions/012-direct-sends.md): audiences by
-- alias, and the Idempotency-Key a transactional request was sent with.

alter table campaigns drop constraint campaigns_audience_type_check;
alter table campaigns add constraint campaigns_audience_type_check
    check (audience_type in ('ALL', 'TAGS', 'TOKENS', 'TEST_DEVICES', 'ALIASES'));
alter table campaigns add column audience_aliases text[] not null default '{}';

-- Kept for 24 hours of repeats; an older campaign's key is released when the key is reused.
alter table campaigns add column idempotency_key varchar(200);
create unique index campaigns_idempotency_uq on campaigns (tenant_id, idempotency_key)
    where idempotency_key is not null;

-- The campaign list filtered by kind (e.g. only test sends).
create index campaigns_tenant_kind_created_idx on campaigns (tenant_id, kind, created_at desc, id desc);
