-- Tables shaped like the services' inbox/outbox (MassTransit's EF provider: InboxState, OutboxMessage, with the same
-- columns and the same indexes as src/Consumers.Marketing/Persistence/Migrations) and a contacts table, in their own
-- schema pgb. Column names are shortened; LockId is indexed for the ten-message script's batch token.
DROP SCHEMA IF EXISTS pgb CASCADE; CREATE SCHEMA pgb;
CREATE TABLE pgb.inbox_state (id bigserial primary key, "MessageId" uuid not null, "ConsumerId" uuid not null, "LockId" uuid not null,
  "RowVersion" bytea, "Received" timestamptz not null, "ReceiveCount" int not null, "ExpirationTime" timestamptz, "Consumed" timestamptz,
  "Delivered" timestamptz, "LastSequenceNumber" bigint, unique ("MessageId", "ConsumerId"));
CREATE INDEX ON pgb.inbox_state ("Delivered");
CREATE TABLE pgb.outbox_message (sequence_number bigserial primary key, enqueue_time timestamptz, sent_time timestamptz not null, headers text,
  properties text, inbox_message_id uuid, inbox_consumer_id uuid, outbox_id uuid, message_id uuid not null, content_type text not null,
  message_type text not null, body text not null, conversation_id uuid, correlation_id uuid, initiator_id uuid, request_id uuid,
  source_address text, destination_address text, response_address text, fault_address text, expiration_time timestamptz);
CREATE UNIQUE INDEX ON pgb.outbox_message (inbox_message_id, inbox_consumer_id, sequence_number);
CREATE UNIQUE INDEX ON pgb.outbox_message (outbox_id, sequence_number);
CREATE INDEX ON pgb.outbox_message (enqueue_time);
CREATE INDEX ON pgb.outbox_message (expiration_time);
CREATE TABLE pgb.contacts (customer_id text primary key, email text, consent bool, version bigint, updated timestamptz, erased bool);
CREATE INDEX ON pgb.inbox_state ("LockId");
