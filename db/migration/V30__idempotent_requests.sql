-- Idempotency-Key on every creating POST (docs/decisions/032-idempotency-keys.md): the first
-- successful answer per team and key, replayed for 24 hours. It replaces the key column of
-- transactional sends (V9), whose keys still within their 24 hours move over as legacy
-- entries: no fingerprint (any body repeats them) and the answer they always gave.

create table idempotent_requests (
    tenant_id       uuid         not null references teams (id) on delete cascade,
    idempotency_key varchar(200) not null,
    -- SHA-256 of method, path and body; null for a legacy entry
    fingerprint     bytea,
    status          integer      not null,
    content_type    varchar(200),
    location        varchar(2000),
    body            bytea        not null,
    created_at      timestamptz  not null default now(),
    primary key (tenant_id, idempotency_key)
);

-- Expired entries of a team are purged when it stores a new one.
create index idempotent_requests_created_idx on idempotent_requests (tenant_id, created_at);

insert into idempotent_requests (tenant_id, idempotency_key, fingerprint, status, content_type, body, created_at)
select tenant_id, idempotency_key, null, 200, 'application/json',
       convert_to(json_build_object('campaignId', id, 'repeated', true)::text, 'UTF8'), created_at
from campaigns
where idempotency_key is not null and created_at > now() - interval '24 hours';

drop index campaigns_idempotency_uq;
alter table campaigns drop column idempotency_key;
