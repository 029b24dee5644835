-- Each app may set its own device-registration rate limits (requests per second and
-- node); null keeps the node-wide setting (pushdeck.devices.registration.*).
alter table apps add column registration_key_rate integer
    check (registration_key_rate between 1 and 1000000);
alter table apps add column registration_address_rate integer
    check (registration_address_rate between 1 and 1000000);
