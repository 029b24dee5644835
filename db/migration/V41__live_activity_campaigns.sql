-- Live Activity campaigns (docs/decisions/038-live-activities.md): the content of a start,
-- update or end event, composed into Apple's payload keys; and audiences of some activities,
-- named by the app's own ids for them.

alter table campaigns add column la_event varchar(6) check (la_event in ('start', 'update', 'end'));
alter table campaigns add column la_attributes_type varchar(100);
-- JSON object text as written (attributes of a start; the content state of any event).
alter table campaigns add column la_attributes text;
alter table campaigns add column la_content_state text;
alter table campaigns add column la_stale_date timestamptz;
alter table campaigns add column la_dismissal_date timestamptz;
alter table campaigns add column la_relevance_score double precision check (la_relevance_score >= 0);
alter table campaigns add column la_alert_title text;
alter table campaigns add column la_alert_body text;
alter table campaigns add column la_alert_sound varchar(255);

alter table campaigns drop constraint campaigns_audience_type_check;
alter table campaigns add constraint campaigns_audience_type_check
    check (audience_type in ('ALL', 'TAGS', 'TOKENS', 'TEST_DEVICES', 'ALIASES', 'ACTIVITIES'));
alter table campaigns add column audience_activity_ids text[] not null default '{}';
