-- What an app reports about itself when it registers a device
-- (docs/decisions/051-device-attributes.md): its version, and flat custom properties.
-- The last registration (last_registered_at) is the device's "last seen".

-- The version as the app gave it, and a key that sorts as versions do: each numeric component
-- zero-padded to nine digits, trailing zero components dropped ('1.10' -> '000000001.000000010'),
-- so "C" order is version order (1.10 after 1.9) and 1.2 equals 1.2.0.
alter table devices add column app_version varchar(64);
alter table devices add column app_version_order varchar(40) collate "C";
-- A flat JSON object of string, number and boolean values; null when the app reported none.
alter table devices add column properties jsonb;

create function device_property_count(properties jsonb) returns integer
    language sql immutable strict parallel safe
    as 'select count(*)::integer from jsonb_object_keys(properties)';

-- Merging a registration's properties into the stored ones may not exceed 50 keys in all.
alter table devices add constraint devices_properties_limit
    check (properties is null or (jsonb_typeof(properties) = 'object' and device_property_count(properties) <= 50));

-- Audience filters by version (equals, in, before, after) within an app's environment. Partial:
-- devices of apps that report no version cost their registrations nothing here.
create index devices_app_version_idx on devices (app_id, environment, app_version_order)
    where app_version_order is not null;
-- Audience filters by property value: jsonb containment (@>), which jsonb_path_ops serves in a
-- smaller index than the default operator class. Partial for the same reason.
create index devices_properties_gin on devices using gin (properties jsonb_path_ops)
    where properties is not null;
