-- Test-only: the effect of the test consumer, one row per applied event.
create table received_events (
    id          uuid        primary key,
    tenant_id   uuid        not null,
    event_id    text        not null,
    name        text        not null,
    received_at timestamptz not null default clock_timestamp()
);
select comply360_tenant_table('received_events');
