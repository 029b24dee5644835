-- Broadcast campaigns (docs/decisions/044-broadcast-campaigns.md): a Live Activity update or end
-- whose audience is a broadcast channel. Its run sends one request to Apple and records one
-- delivery, so the run carries the channel and the state of that one send instead of queue rows.

alter table campaigns drop constraint campaigns_audience_type_check;
alter table campaigns add constraint campaigns_audience_type_check
    check (audience_type in ('ALL', 'TAGS', 'TOKENS', 'TEST_DEVICES', 'ALIASES', 'ACTIVITIES', 'CHANNEL'));
-- The listed channel; a deleted channel leaves the campaign without one (it can no longer be sent).
alter table campaigns add column audience_channel uuid references broadcast_channels (id) on delete set null;
alter table campaigns add constraint campaigns_channel_audience
    check (audience_channel is null or audience_type = 'CHANNEL');

-- A broadcast run: the listed channel and Apple's id of it, fixed at launch (no foreign key: the
-- run's record outlives the channel); the apns-request-id it is sent with; when a sender took it
-- (never taken twice: a broadcast is not repeated behind anyone's back) and when its one outcome
-- was written.
alter table dispatch_runs add column channel_ref uuid;
alter table dispatch_runs add column channel_id varchar(128) collate "C";
alter table dispatch_runs add column broadcast_request_id uuid;
alter table dispatch_runs add column broadcast_taken_at timestamptz;
alter table dispatch_runs add column broadcast_done_at timestamptz;
alter table dispatch_runs add constraint dispatch_runs_broadcast
    check ((channel_ref is null) = (channel_id is null) and (channel_ref is null) = (broadcast_request_id is null));
-- The sweeper's question: which broadcast runs wait for their send or its answer.
create index dispatch_runs_open_broadcasts_idx on dispatch_runs (launched_at)
    where channel_ref is not null and broadcast_done_at is null;

-- A campaign's broadcast also shows under its channel, beside those sent from the channel page.
alter table channel_broadcasts add column run_id uuid references dispatch_runs (id) on delete set null;
create unique index channel_broadcasts_run_uq on channel_broadcasts (run_id) where run_id is not null;
