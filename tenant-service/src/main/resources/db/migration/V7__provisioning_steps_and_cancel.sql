-- Provisioning writes its progress step by step (the saga runs outside any transaction while Keycloak answers, and
-- a retry skips what is done: the set-password mail goes out once), and a tenant stuck in provisioning can be
-- cancelled: its slug is free again, and what provisioning created in Keycloak is removed.
alter table tenants drop constraint tenants_status_check;
alter table tenants add constraint tenants_status_check
    check (status in ('provisioning', 'active', 'suspended', 'closed', 'cancelled'));
alter table tenants drop constraint tenants_slug_key;
create unique index tenants_slug_in_use on tenants (slug) where status <> 'cancelled';

alter table tenant_provisioning
    add column portal_registered_at timestamptz,
    add column invitation_sent_at   timestamptz,
    add column cleaned_up_at        timestamptz;
update tenant_provisioning set portal_registered_at = completed_at, invitation_sent_at = completed_at
where completed_at is not null;
