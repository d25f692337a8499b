-- Tenants are registration agencies. The tenants table is global (platform admins list it; the gateway
-- resolves hosts through it); each tenant's settings are a tenant table under row level security.
create table tenants (
    id          uuid        primary key,
    slug        text        not null unique
                            check (slug ~ '^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$'),
    legal_name  text        not null check (length(legal_name) between 1 and 200),
    countries   text[]      not null check (cardinality(countries) > 0),
    tier        text        not null check (tier in ('starter', 'professional', 'enterprise')),
    status      text        not null check (status in ('provisioning', 'active', 'suspended', 'closed')),
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);
select comply360_global_table('tenants');

create table settings (
    tenant_id      uuid        primary key references tenants (id),
    display_name   text        check (length(display_name) between 1 and 100),
    default_locale text        not null check (default_locale in ('en', 'af')),
    time_zone      text        not null,
    primary_colour text        not null check (primary_colour ~ '^#[0-9A-F]{6}$'),
    version        bigint      not null,
    updated_at     timestamptz not null,
    updated_by     text        not null
);
select comply360_tenant_table('settings');
