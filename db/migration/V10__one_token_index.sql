-- Devices carried two token-led B-trees: the upsert target (app_id, environment, token)
-- and (app_id, token) for the grid's token order. One unique index with the token before
-- the environment serves the upsert (ON CONFLICT matches its columns in any order), the
-- token order and token-prefix search, and environment-filtered pages (a filter on the
-- third column while walking the index). Every imported or registered device now
-- maintains one index fewer.
create unique index devices_app_token_env_uq on devices (app_id, token, environment);
drop index devices_app_env_token_uq;
drop index devices_app_token_idx;
