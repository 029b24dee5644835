-- Small secrets of other modules (two-factor sign-in keys), sealed like APNs credentials:
-- AES-256-GCM under a per-row data key wrapped by the instance's master key, bound to the
-- owner and the row id. Master-key rotation re-wraps these rows too.
create table vault_secrets (
    id                 uuid primary key,
    owner_id           uuid         not null,
    secret_ciphertext  bytea        not null,
    wrapped_data_key   bytea        not null,
    master_key_id      varchar(16)  not null,
    created_at         timestamptz  not null default now()
);
create index vault_secrets_owner_idx on vault_secrets (owner_id);
