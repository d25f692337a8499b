-- commission-service: rate cards, commissions, settlements, and the sync with each agency's Odoo.

-- A tenant's rate card, versioned: a new version takes effect on its date and never changes once saved. Its lines
-- (per country and filing type: the professional fee and the agent's rule) are one JSON document.
create table rate_cards (
    id             uuid        primary key,
    tenant_id      uuid        not null,
    version        integer     not null check (version >= 1),
    effective_from date        not null,
    vat_registered boolean     not null,
    note           text,
    lines          jsonb       not null,
    created_by     text        not null,
    created_at     timestamptz not null,
    unique (tenant_id, id),
    unique (tenant_id, version),
    unique (tenant_id, effective_from)
);
select comply360_tenant_table('rate_cards');

-- The filings this service knows of, as registration-service's events told it (the newest version wins): what a
-- lead in Odoo shows.
create table filings (
    tenant_id       uuid        not null,
    registration_id uuid        not null,
    reference       text        not null,
    country         text        not null,
    type            text        not null,
    agent_id        text        not null,
    status          text        not null,
    version         bigint      not null,
    changed_at      timestamptz not null,
    primary key (tenant_id, registration_id)
);
select comply360_tenant_table('filings');

-- One commission per registered filing. Amounts in the filing's currency, two places. The rule and the fee lines
-- are copied from the rate card version used, so a commission explains itself after the card changes.
create table commissions (
    id                  uuid          primary key,
    tenant_id           uuid          not null,
    registration_id     uuid          not null,
    reference           text          not null,
    country             text          not null,
    type                text          not null,
    agent_id            text          not null,
    currency            text          not null check (currency in ('ZAR', 'USD')),
    registered_on       date          not null,
    -- The first day of the month the volume tiers count in.
    period              date          not null,
    rate_card_id        uuid          not null,
    rate_card_version   integer       not null,
    professional_fee    numeric(14, 2) not null check (professional_fee >= 0),
    vat                 numeric(14, 2) not null check (vat >= 0),
    disbursements       numeric(14, 2) not null check (disbursements >= 0),
    fee_total           numeric(14, 2) not null,
    -- The rule, the registry's fee lines and how the amount came about (volume, tier), as JSON.
    calculation         jsonb         not null,
    amount              numeric(14, 2) not null check (amount >= 0),
    provisional         boolean       not null,
    status              text          not null check (status in ('CALCULATED', 'APPROVED', 'REJECTED', 'SETTLED',
                            'INVOICED', 'PAID', 'REVERSED')),
    reason              text,
    settlement_id       uuid,
    decided_by          text,
    decided_at          timestamptz,
    created_at          timestamptz   not null,
    updated_at          timestamptz   not null,
    row_version         bigint        not null default 0,
    unique (tenant_id, id),
    unique (tenant_id, registration_id),
    foreign key (tenant_id, rate_card_id) references rate_cards (tenant_id, id)
);
create index commissions_by_agent on commissions (tenant_id, agent_id, period, status);
create index commissions_by_status on commissions (tenant_id, status, registered_on);
select comply360_tenant_table('commissions');

-- An agent's commissions of a period in one currency; its lines are the commissions (their final amounts) and the
-- clawbacks carried into it.
create table settlements (
    id                uuid          primary key,
    tenant_id         uuid          not null,
    agent_id          text          not null,
    currency          text          not null,
    period_end        date          not null,
    status            text          not null check (status in ('SETTLED', 'INVOICED', 'PAID')),
    commissions_total numeric(14, 2) not null,
    clawbacks_total   numeric(14, 2) not null check (clawbacks_total <= 0),
    total             numeric(14, 2) not null check (total > 0),
    commission_count  integer       not null,
    odoo_bill_id      integer,
    created_by        text          not null,
    created_at        timestamptz   not null,
    invoiced_at       timestamptz,
    paid_at           timestamptz,
    row_version       bigint        not null default 0,
    unique (tenant_id, id),
    unique (tenant_id, agent_id, currency, period_end)
);
create index settlements_by_period on settlements (tenant_id, period_end desc);
select comply360_tenant_table('settlements');

-- A clawback: a settled commission taken back because its filing was cancelled; deducted in the agent's next
-- settlement in that currency (settlement_id set then).
create table clawbacks (
    id            uuid          primary key,
    tenant_id     uuid          not null,
    commission_id uuid          not null,
    agent_id      text          not null,
    currency      text          not null,
    amount        numeric(14, 2) not null check (amount < 0),
    reason        text          not null,
    settlement_id uuid,
    created_at    timestamptz   not null,
    unique (tenant_id, commission_id),
    foreign key (tenant_id, commission_id) references commissions (tenant_id, id)
);
select comply360_tenant_table('clawbacks');

create table settlement_lines (
    id                 uuid          primary key,
    tenant_id          uuid          not null,
    settlement_id      uuid          not null,
    position           integer       not null,
    kind               text          not null check (kind in ('COMMISSION', 'CLAWBACK')),
    commission_id      uuid          not null,
    reference          text          not null,
    description        text          not null,
    provisional_amount numeric(14, 2),
    amount             numeric(14, 2) not null,
    foreign key (tenant_id, settlement_id) references settlements (tenant_id, id),
    unique (settlement_id, position)
);
select comply360_tenant_table('settlement_lines');

-- The agency's Odoo: where and as whom. The API key is encrypted (AES-GCM, master key from the environment) and
-- never returned. configuration_error: what Odoo said when it refused the login or the key (cleared by a change).
create table odoo_settings (
    tenant_id           uuid        primary key,
    url                 text        not null,
    database_name       text        not null,
    login               text        not null,
    api_key_cipher      text        not null,
    enabled             boolean     not null,
    configuration_error text,
    updated_by          text        not null,
    updated_at          timestamptz not null,
    row_version         bigint      not null default 0
);
select comply360_tenant_table('odoo_settings');

-- A sync with Odoo to do: one row per thing (entity, local id), written in the transaction of the change; each run
-- pushes the thing's current state. PENDING (due at next_attempt_at) → SENDING (committed before each call to
-- Odoo; a SENDING row whose claim expired was interrupted) → DONE, or FAILED (permanent fault; retried by hand).
create table odoo_jobs (
    id              uuid        primary key,
    tenant_id       uuid        not null,
    entity          text        not null check (entity in ('partner', 'lead', 'bill', 'payment')),
    local_id        text        not null,
    status          text        not null check (status in ('PENDING', 'SENDING', 'DONE', 'FAILED')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    claimed_until   timestamptz,
    last_error      text,
    last_error_kind text,
    last_attempt_at timestamptz,
    done_at         timestamptz,
    -- When the thing last changed: a change during a run (SENDING) makes the job run again afterwards.
    requested_at    timestamptz not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    unique (tenant_id, entity, local_id)
);
create index odoo_jobs_due on odoo_jobs (next_attempt_at) where status in ('PENDING', 'SENDING');
create index odoo_jobs_by_status on odoo_jobs (tenant_id, status, updated_at desc);
select comply360_tenant_table('odoo_jobs');

-- What a local thing is in the agency's Odoo: (entity, local id) ↔ the Odoo record's id.
create table odoo_bindings (
    tenant_id  uuid        not null,
    entity     text        not null,
    local_id   text        not null,
    odoo_model text        not null,
    odoo_id    integer     not null,
    synced_at  timestamptz not null,
    primary key (tenant_id, entity, local_id)
);
select comply360_tenant_table('odoo_bindings');

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

-- Sync jobs due (or interrupted: claim expired), across tenants: the worker runs each in its own tenant.
select comply360_jobs_may_scan('odoo_jobs');
create function odoo_jobs_due(max_items integer) returns table (tenant_id uuid, id uuid)
language sql stable security definer set search_path = public, pg_temp as $$
    select j.tenant_id, j.id from odoo_jobs j
    where j.status in ('PENDING', 'SENDING') and j.next_attempt_at <= now()
      and (j.claimed_until is null or j.claimed_until < now())
    order by j.next_attempt_at
    limit max_items
$$;
select comply360_job_discovery('odoo_jobs_due(integer)');
