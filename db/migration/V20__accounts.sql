-- Accounts a company can trust: people join a team by accepting an invitation, choose and
-- reset their own passwords through one-time links, and every signed-in browser session is
-- a row that can be listed and ended (also from another node).
-- Link secrets are stored only as SHA-256 hashes, found by a lookup prefix.

create table invitations (
    id              uuid primary key default gen_random_uuid(),
    tenant_id       uuid         not null references teams (id) on delete cascade,
    email           varchar(320) not null,
    role            varchar(16)  not null check (role in ('OWNER', 'ADMIN', 'EDITOR', 'VIEWER')),
    -- The inviter's language: the mail to a person without an account is written in it.
    language        varchar(16)  not null default 'en',
    lookup_prefix   varchar(32)  not null,
    secret_hash     bytea        not null,
    invited_by      varchar(320) not null,
    created_at      timestamptz  not null default now(),
    expires_at      timestamptz  not null,
    accepted_at     timestamptz,
    accepted_by     uuid references users (id) on delete set null,
    revoked_at      timestamptz
);
create unique index invitations_prefix_uq on invitations (lookup_prefix);
-- At most one open invitation per team and email; an expired one is replaced, not kept.
create unique index invitations_open_uq on invitations (tenant_id, lower(email))
    where accepted_at is null and revoked_at is null;

create table password_resets (
    id              uuid primary key default gen_random_uuid(),
    user_id         uuid         not null references users (id) on delete cascade,
    lookup_prefix   varchar(32)  not null,
    secret_hash     bytea        not null,
    -- 'mail' (asked for on the login page) or the actor who made the link for the person.
    created_by      varchar(320) not null,
    created_at      timestamptz  not null default now(),
    expires_at      timestamptz  not null,
    used_at         timestamptz
);
create unique index password_resets_prefix_uq on password_resets (lookup_prefix);
create index password_resets_user_idx on password_resets (user_id, created_at desc);

create table user_sessions (
    id              uuid primary key default gen_random_uuid(),
    user_id         uuid         not null references users (id) on delete cascade,
    started_at      timestamptz  not null default now(),
    last_seen_at    timestamptz  not null default now(),
    user_agent      varchar(400),
    client_address  varchar(64),
    ended_at        timestamptz,
    end_reason      varchar(32)
);
create index user_sessions_open_idx on user_sessions (user_id, last_seen_at desc) where ended_at is null;
