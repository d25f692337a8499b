-- The provisioning saga of a tenant: who its first admin is and how far provisioning got. Global (platform
-- admins create tenants; the saga runs before the tenant has any people), one row per tenant.
create table tenant_provisioning (
    tenant_id        uuid        primary key references tenants (id),
    admin_email      text        not null check (length(admin_email) between 3 and 254),
    admin_first_name text        not null check (length(admin_first_name) between 1 and 100),
    admin_last_name  text        not null check (length(admin_last_name) between 1 and 100),
    -- Keycloak's id of the first admin, once created.
    admin_user_id    text,
    -- Why provisioning cannot go on without a platform admin (e.g. the email belongs to another tenant).
    blocked_reason   text,
    requested_at     timestamptz not null,
    completed_at     timestamptz
);
select comply360_global_table('tenant_provisioning');
