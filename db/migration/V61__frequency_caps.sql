-- Frequency caps per app (docs/decisions/054-frequency-caps.md): at most this many notifications
-- per device in the last 24 hours and in the last 7 days, across the app's campaigns. Null: no cap.
alter table apps
    add column cap_per_day  integer check (cap_per_day between 1 and 100),
    add column cap_per_week integer check (cap_per_week between 1 and 700);
