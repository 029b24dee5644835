-- A campaign's attribute filters (docs/decisions/051-device-attributes.md): a JSON array of
-- {"attribute", "key", "operator", "values"}, ANDed with its audience. Kept as one document
-- because it is only ever read and written with the campaign, never searched.
alter table campaigns add column audience_filters jsonb not null default '[]';
