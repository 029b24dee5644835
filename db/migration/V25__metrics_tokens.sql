-- Metrics tokens (pdm_...): read /actuator/prometheus and nothing else. The meters name
-- every team's apps and credentials, so a metrics token belongs to no team: it is created
-- by an instance administrator and kept beside team tokens with no tenant (decision 029).
alter table api_tokens alter column tenant_id drop not null;
alter table api_tokens drop constraint api_tokens_role_check;
alter table api_tokens add constraint api_tokens_role_check
    check (role in ('ADMIN', 'EDITOR', 'VIEWER', 'METRICS'));
alter table api_tokens add constraint api_tokens_metrics_instance_wide
    check ((role = 'METRICS') = (tenant_id is null));
create index api_tokens_metrics_idx on api_tokens (created_at desc) where tenant_id is null;
