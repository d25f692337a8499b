-- registration-service: the agency's clients, the wizard definitions, filings, their checklist and SLA clocks.

-- Wizard definitions as shipped (wizards/index.json), one row per country, type and version. A draft pins the
-- version it started on, so a row is never deleted or changed once a filing may use it.
create table wizard_definitions (
    country     text        not null,
    type        text        not null,
    version     integer     not null check (version >= 1),
    title       text        not null,
    -- json, not jsonb: the file as shipped, with its field order (the order a form shows them in).
    definition  json        not null,
    checksum    text        not null,
    loaded_at   timestamptz not null,
    primary key (country, type, version)
);
select comply360_global_table('wizard_definitions');

-- The agency's customers: companies and people it files for.
create table clients (
    id                  uuid        primary key,
    tenant_id           uuid        not null,
    kind                text        not null check (kind in ('company', 'person')),
    name                text        not null,
    registration_number text,
    email               text,
    phone               text,
    locale              text        not null check (locale in ('en', 'af')),
    archived_at         timestamptz,
    archived_by         text,
    version             bigint      not null,
    created_at          timestamptz not null,
    created_by          text        not null,
    updated_at          timestamptz not null,
    updated_by          text        not null,
    unique (tenant_id, id)
);
create index clients_by_name on clients (tenant_id, lower(name), id);
select comply360_tenant_table('clients');

-- A tenant's SLA profile as tenant-service last described it (refreshed on tenant.updated).
create table tenant_profiles (
    tenant_id      uuid        primary key,
    slug           text        not null,
    countries      text[]      not null,
    time_zone      text        not null,
    business_hours jsonb       not null,
    sla_targets    jsonb       not null,
    fetched_at     timestamptz not null
);
select comply360_tenant_table('tenant_profiles');

-- References per tenant and year (ACME-2026-000123): unique, not gap-free.
create table reference_counters (
    tenant_id uuid    not null,
    year      integer not null,
    last      bigint  not null,
    primary key (tenant_id, year)
);
select comply360_tenant_table('reference_counters');

create table registrations (
    id                 uuid        primary key,
    tenant_id          uuid        not null,
    reference          text        not null,
    client_id          uuid        not null,
    country            text        not null,
    type               text        not null,
    definition_version integer     not null,
    status             text        not null check (status in ('DRAFT', 'SUBMITTED', 'IN_REVIEW', 'CHANGES_REQUESTED',
                           'RESUBMITTED', 'APPROVED', 'REJECTED', 'FILED', 'REGISTERED', 'CANCELLED')),
    data               jsonb       not null default '{}'::jsonb,
    -- Bumped by every change of the data (not of the state): documents are verified against a data version.
    data_version       bigint      not null default 0,
    -- The data version at which each step last changed: a document verified before its step changed is stale.
    step_versions      jsonb       not null default '{}'::jsonb,
    last_step          text,
    -- The proposed or registered company name, kept for search and lists (the data stays the source).
    company_name       text,
    agent_id           text        not null,
    assignee_id        text,
    registry_reference text,
    enterprise_number  text,
    state_entered_at   timestamptz not null,
    due_at             timestamptz,
    sla_breached_at    timestamptz,
    version            bigint      not null,
    created_at         timestamptz not null,
    updated_at         timestamptz not null,
    unique (tenant_id, id),
    unique (tenant_id, reference),
    foreign key (tenant_id, client_id) references clients (tenant_id, id),
    foreign key (country, type, definition_version) references wizard_definitions (country, type, version)
);
create index registrations_recent on registrations (tenant_id, updated_at desc, id);
create index registrations_by_status on registrations (tenant_id, status, updated_at desc);
create index registrations_by_client on registrations (tenant_id, client_id);
create index registrations_by_company on registrations (tenant_id, lower(company_name) text_pattern_ops);
create index registrations_sla_due on registrations (due_at) where sla_breached_at is null and due_at is not null;
select comply360_tenant_table('registrations');

-- The latest decision on each checklist slot (filing, document type, person), from document-service's events.
create table document_checks (
    tenant_id        uuid        not null,
    registration_id  uuid        not null,
    document_type    text        not null,
    -- The nil uuid for a slot that is not per person.
    person_id        uuid        not null,
    document_id      uuid        not null,
    document_version integer     not null,
    status           text        not null check (status in ('VERIFIED', 'NEEDS_REVIEW', 'REJECTED')),
    data_version     bigint,
    reason           text,
    checked_at       timestamptz not null,
    primary key (tenant_id, registration_id, document_type, person_id),
    foreign key (tenant_id, registration_id) references registrations (tenant_id, id)
);
select comply360_tenant_table('document_checks');

create table audit_log (
    id         uuid        primary key,
    tenant_id  uuid        not null,
    at         timestamptz not null,
    -- The acting user's id (the token's subject), pseudonymous; never a name or address.
    actor      text        not null,
    actor_role text        not null,
    action     text        not null,
    target     text,
    detail     jsonb       not null default '{}'::jsonb
);
create index audit_log_tenant_at on audit_log (tenant_id, at desc);
create index audit_log_target on audit_log (tenant_id, target, at);
select comply360_tenant_table('audit_log');
revoke update, delete, truncate on audit_log from ${app_role};

-- Filings past their due time whose breach was not reported yet, across tenants (the SLA scanner).
select comply360_jobs_may_scan('registrations');
create function sla_breaches_due(max_items integer) returns table (tenant_id uuid, id uuid)
language sql stable security definer set search_path = public, pg_temp as $$
    select r.tenant_id, r.id from registrations r
    where r.due_at <= now() and r.sla_breached_at is null
    order by r.due_at
    limit max_items
$$;
select comply360_job_discovery('sla_breaches_due(integer)');
