-- One Marketing domain message as the inbox/outbox runs it on PostgreSQL today (docs/inbox-outbox.md), 5 round trips:
-- upsert the inbox row (locks it), read the contact, one batch (contact upsert, outbox row, consumed mark), commit,
-- then the delivered statement (delete the outbox row, mark delivered) outside the transaction.
\set c random(1, 1000000)
BEGIN;
INSERT INTO pgb.inbox_state AS i ("MessageId","ConsumerId","LockId","RowVersion","Received","ExpirationTime","ReceiveCount") VALUES (gen_random_uuid(), '00000000-0000-0000-0000-000000000001', gen_random_uuid(), '\x01', now(), now() + interval '1 day', 1) ON CONFLICT ("MessageId","ConsumerId") DO UPDATE SET "ReceiveCount" = i."ReceiveCount" + 1 RETURNING id AS iid, "MessageId" AS mid \gset
SELECT * FROM pgb.contacts WHERE customer_id = 'C-' || :c;
INSERT INTO pgb.contacts VALUES ('C-' || :c, 'x@example.org', true, 1, now(), false) ON CONFLICT (customer_id) DO UPDATE SET email = excluded.email, version = excluded.version \; INSERT INTO pgb.outbox_message (sent_time, headers, inbox_message_id, inbox_consumer_id, message_id, content_type, message_type, body, destination_address) VALUES (now(), '{"h":"v"}', ':mid', '00000000-0000-0000-0000-000000000001', gen_random_uuid(), 'application/vnd.masstransit+json', 'urn:message:Bus:SyncMarketingContact', repeat('x', 600), 'queue:marketing-gateway') \; UPDATE pgb.inbox_state SET "Consumed" = now(), "RowVersion" = '\x02' WHERE id = :iid;
COMMIT;
WITH removed AS (DELETE FROM pgb.outbox_message WHERE inbox_message_id = ':mid' AND inbox_consumer_id = '00000000-0000-0000-0000-000000000001') UPDATE pgb.inbox_state SET "Delivered" = now(), "RowVersion" = '\x03' WHERE id = :iid AND "RowVersion" = '\x02';
