-- Every admin action on a tenant (platform admins' and the tenant admins' own), immutable: the application
-- role may add and read entries, never change or remove them. Tenant table: a tenant admin reads their own.
create table audit_log (
    id        uuid        primary key,
    tenant_id uuid        not null references tenants (id),
    at        timestamptz not null,
    -- The acting user's id (the token's subject), pseudonymous; never a name or address.
    actor     text        not null,
    actor_role text       not null,
    action    text        not null,
    target    text,
    detail    jsonb       not null default '{}'::jsonb
);
create index audit_log_tenant_at on audit_log (tenant_id, at desc);
select comply360_tenant_table('audit_log');
revoke update, delete, truncate on audit_log from ${app_role};
