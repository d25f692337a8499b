-- In-app notifications of a tenant's users, addressed to a role of the tenant or to one user.
create table notifications (
    id              uuid        primary key,
    tenant_id       uuid        not null,
    audience_role   text        check (audience_role in ('tenant_admin', 'agent', 'agent_assistant')),
    audience_user   text,
    kind            text        not null,
    title           text        not null,
    body            text        not null,
    subject_id      text,
    source_event_id text        not null,
    created_at      timestamptz not null,
    read_at         timestamptz,
    check (audience_role is not null or audience_user is not null)
);
create index notifications_recent on notifications (tenant_id, created_at desc);
select comply360_tenant_table('notifications');
