-- Apple's apns-unique-id of a delivery (docs/decisions/039-broadcast-push.md): APNs answers it in
-- the development (sandbox) environment, and for broadcasts, so a delivery can be looked up in
-- the delivery log of Apple's Push Notifications Console. Null where Apple gave none.
alter table deliveries add column apns_unique_id uuid;
