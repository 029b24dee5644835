-- Foundation: people, teams, memberships, API tokens and the audit log.
-- Every team-owned row carries tenant_id; lookups always filter by it.

create table users (
    id              uuid primary key default gen_random_uuid(),
    email           varchar(320) not null,
    display_name    varchar(200) not null,
    password_hash   varchar(200) not null,
    language        varchar(16)  not null default 'en',
    instance_admin  boolean      not null default false,
    last_team_id    uuid,
    created_at      timestamptz  not null default now()
);
create unique index users_email_uq on users (lower(email));

create table teams (
    id          uuid primary key default gen_random_uuid(),
    name        varchar(120) not null,
    created_at  timestamptz  not null default now()
);
create unique index teams_name_uq on teams (lower(name));

create table memberships (
    tenant_id   uuid        not null references teams (id) on delete cascade,
    user_id     uuid        not null references users (id) on delete cascade,
    role        varchar(16) not null check (role in ('OWNER', 'ADMIN', 'EDITOR', 'VIEWER')),
    created_at  timestamptz not null default now(),
    primary key (tenant_id, user_id)
);
create index memberships_user_idx on memberships (user_id);

create table api_tokens (
    id              uuid primary key default gen_random_uuid(),
    tenant_id       uuid         not null references teams (id) on delete cascade,
    name            varchar(120) not null,
    role            varchar(16)  not null check (role in ('ADMIN', 'EDITOR', 'VIEWER')),
    instance_scope  boolean      not null default false,
    lookup_prefix   varchar(32)  not null,
    secret_hash     bytea        not null,
    created_by      varchar(320) not null,
    created_at      timestamptz  not null default now(),
    last_used_at    timestamptz,
    revoked_at      timestamptz
);
create unique index api_tokens_prefix_uq on api_tokens (lookup_prefix);
create index api_tokens_tenant_idx on api_tokens (tenant_id, created_at desc);

create table audit_events (
    id              bigint generated always as identity primary key,
    tenant_id       uuid,
    occurred_at     timestamptz  not null default now(),
    actor           varchar(320) not null,
    action          varchar(64)  not null,
    target          varchar(500),
    details         varchar(2000),
    client_address  varchar(64)
);
create index audit_events_tenant_idx on audit_events (tenant_id, occurred_at desc, id desc);
create index audit_events_action_idx on audit_events (tenant_id, action, occurred_at desc);

-- Append-only: the application role may insert and read, never rewrite history.
create function audit_events_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_events is append-only';
end $$;
create trigger audit_events_no_update before update or delete on audit_events
    for each row execute function audit_events_append_only();
