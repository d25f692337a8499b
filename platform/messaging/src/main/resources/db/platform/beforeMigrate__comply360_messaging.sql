-- Messaging tables of the platform (docs/architecture.md → Events), in every service database that uses
-- platform-messaging. A Flyway callback like the conventions: idempotent, runs after
-- beforeMigrate__comply360_conventions.sql (callbacks run in name order).

-- Transactional outbox: written in the same transaction as the state change, sent by the relay.
create table if not exists outbox (
    id          uuid        primary key,
    tenant_id   uuid,
    exchange    text        not null,
    routing_key text        not null,
    payload     jsonb       not null,
    created_at  timestamptz not null default clock_timestamp(),
    sent_at     timestamptz,
    attempts    integer     not null default 0,
    last_error  text
);
-- Per row: attempts counts the broker's refusals of it (a nack, its exchange missing), not its sends; the relay
-- claims a row by pushing next_attempt_at past the time it needs to publish it (a lease, so no transaction stays
-- open while it waits for the broker), backs a refused row off the same way, and parks it (parked_at) after
-- comply360.messaging.relay.max-attempts refusals, until an operator retries it.
alter table outbox add column if not exists next_attempt_at timestamptz;
alter table outbox add column if not exists parked_at timestamptz;
create index if not exists outbox_unsent on outbox (created_at) where sent_at is null;
select comply360_infrastructure_table('outbox');

-- Wakes the relay right after the writing transaction commits (NOTIFY is delivered on commit only).
create or replace function comply360_outbox_notify() returns trigger
language plpgsql as $fn$
begin
    perform pg_notify('comply360_outbox', '');
    return null;
end
$fn$;
drop trigger if exists outbox_notify on outbox;
create trigger outbox_notify after insert on outbox for each statement execute function comply360_outbox_notify();

-- Idempotent consumers: the event id is recorded in the same transaction as the effect.
create table if not exists inbox (
    consumer     text        not null,
    event_id     text        not null,
    tenant_id    uuid,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
-- Rows are deleted after comply360.messaging.keep-inbox (Retention).
create index if not exists inbox_processed_at on inbox (processed_at);
select comply360_infrastructure_table('inbox');
