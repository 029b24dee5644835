-- Two-factor sign-in (TOTP, RFC 6238) for password accounts. The shared secret lives
-- sealed in vault_secrets; here only its id, whether it is confirmed, and the last time
-- step a code was accepted for (a code is good once).
create table two_factor (
    user_id          uuid primary key references users (id) on delete cascade,
    vault_secret_id  uuid        not null,
    confirmed_at     timestamptz,
    last_used_step   bigint,
    created_at       timestamptz not null default now()
);

-- One-time recovery codes, stored only as SHA-256 hashes.
create table two_factor_recovery_codes (
    user_id    uuid        not null references users (id) on delete cascade,
    code_hash  bytea       not null,
    used_at    timestamptz,
    primary key (user_id, code_hash)
);

-- Owners may require two-factor sign-in from everyone who uses their team.
alter table teams add column require_two_factor boolean not null default false;
