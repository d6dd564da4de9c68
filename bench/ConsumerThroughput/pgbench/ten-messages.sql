-- Ten messages per transaction, the batching not built yet: one multi-row inbox upsert, the consumers' ten reads
-- unchanged (one round trip each), one batch for all writes, commit, one delivered statement for the ten.
\set c random(1, 1000000)
BEGIN;
WITH b AS (SELECT gen_random_uuid() AS bid), ins AS (INSERT INTO pgb.inbox_state AS i ("MessageId","ConsumerId","LockId","RowVersion","Received","ExpirationTime","ReceiveCount") SELECT gen_random_uuid(), '00000000-0000-0000-0000-000000000001', (SELECT bid FROM b), '\x01', now(), now() + interval '1 day', 1 FROM generate_series(1, 10) ON CONFLICT ("MessageId","ConsumerId") DO UPDATE SET "ReceiveCount" = i."ReceiveCount" + 1 RETURNING "LockId") SELECT min("LockId"::text) AS bid FROM ins \gset
SELECT * FROM pgb.contacts WHERE customer_id = 'C-' || (:c + 0);
SELECT * FROM pgb.contacts WHERE customer_id = 'C-' || (:c + 1);
SELECT * FROM pgb.contacts WHERE customer_id = 'C-' || (:c + 2);
SELECT * FROM pgb.contacts WHERE customer_id = 'C-' || (:c + 3);
SELECT * FROM pgb.contacts WHERE customer_id = 'C-' || (:c + 4);
SELECT * FROM pgb.contacts WHERE customer_id = 'C-' || (:c + 5);
SELECT * FROM pgb.contacts WHERE customer_id = 'C-' || (:c + 6);
SELECT * FROM pgb.contacts WHERE customer_id = 'C-' || (:c + 7);
SELECT * FROM pgb.contacts WHERE customer_id = 'C-' || (:c + 8);
SELECT * FROM pgb.contacts WHERE customer_id = 'C-' || (:c + 9);
INSERT INTO pgb.contacts SELECT 'C-' || (:c + g), 'x@example.org', true, 1, now(), false FROM generate_series(0, 9) g ON CONFLICT (customer_id) DO UPDATE SET email = excluded.email, version = excluded.version \; INSERT INTO pgb.outbox_message (sent_time, headers, inbox_message_id, inbox_consumer_id, message_id, content_type, message_type, body, destination_address) SELECT now(), '{"h":"v"}', "MessageId", "ConsumerId", gen_random_uuid(), 'application/vnd.masstransit+json', 'urn:message:Bus:SyncMarketingContact', repeat('x', 600), 'queue:marketing-gateway' FROM pgb.inbox_state WHERE "LockId" = ':bid' \; UPDATE pgb.inbox_state SET "Consumed" = now(), "RowVersion" = '\x02' WHERE "LockId" = ':bid';
COMMIT;
WITH removed AS (DELETE FROM pgb.outbox_message WHERE (inbox_message_id, inbox_consumer_id) IN (SELECT "MessageId", "ConsumerId" FROM pgb.inbox_state WHERE "LockId" = ':bid')) UPDATE pgb.inbox_state SET "Delivered" = now(), "RowVersion" = '\x03' WHERE "LockId" = ':bid' AND "RowVersion" = '\x02';
