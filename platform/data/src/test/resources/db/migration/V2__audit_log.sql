-- The audit trail's table as a service declares it (tenant-service's V3 adds a foreign key to its tenants).
create table audit_log (
    id         uuid        primary key,
    tenant_id  uuid        not null,
    at         timestamptz not null,
    actor      text        not null,
    actor_role text        not null,
    action     text        not null,
    target     text,
    detail     jsonb       not null default '{}'::jsonb
);
create index audit_log_tenant_at on audit_log (tenant_id, at desc);
select comply360_tenant_table('audit_log');
revoke update, delete, truncate on audit_log from ${app_role};
